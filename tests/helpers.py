"""Small helpers shared by the tests."""

import pytest
from django.db import DataError, IntegrityError, transaction


def assert_refused(make) -> None:
    """The database refuses the row `make` writes (a constraint, or a too-long value)."""
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        make()
