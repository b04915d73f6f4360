"""Small helpers shared by the tests."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.db import DataError, IntegrityError, transaction


def assert_refused(make) -> None:
    """The database refuses the row `make` writes (a constraint, or a too-long value)."""
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        make()


def date_fields(name: str, day) -> dict[str, str]:
    """The three boxes of an NHS date input, as a form posts them."""
    return {f"{name}[day]": str(day.day), f"{name}[month]": str(day.month),
            f"{name}[year]": str(day.year)}


def wait_for(predicate, seconds: float = 20.0) -> bool:
    """Poll until `predicate()` is true (work done by another thread or process)."""

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for `secret` (RFC 6238, as allauth.mfa checks it)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
