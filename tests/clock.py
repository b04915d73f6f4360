"""One date for a whole test run.

The suite takes a quarter of an hour. A test module that works out "today" when it is
imported, and a service that works it out while the test runs, disagree when the run goes
over midnight: a CI run that started at 23:50 failed ten date tests that way. A module that
reasons about dates takes TODAY from here and holds the clock on it for each of its tests
with `pytest.mark.usefixtures("same_day")` (the fixture is in tests/conftest.py).
"""

import datetime as dt
from collections.abc import Iterator

import time_machine
from django.utils import timezone

TODAY = timezone.localdate()

# Late enough that nearly every run keeps the real time, early enough that no test lasts
# from here to midnight.
LATEST = dt.time(23, 30)


def a_moment_of_today() -> dt.datetime:
    """Now, if it is still TODAY before LATEST; otherwise TODAY at LATEST. Either way the
    clock moves on from there, so waits and timeouts still see time pass."""
    latest = timezone.make_aware(dt.datetime.combine(TODAY, LATEST))
    return min(timezone.now(), latest)


def held_on_today() -> Iterator[None]:
    with time_machine.travel(a_moment_of_today(), tick=True):
        yield
