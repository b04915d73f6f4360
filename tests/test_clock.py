"""The run's date held for tests that reason about dates (tests/clock.py)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests import clock


def at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


@pytest.mark.parametrize(("day", "time", "held"), [
    (0, dt.time(9), dt.time(9)),  # the usual case: the real time, untouched
    (0, dt.time(23, 45), clock.LATEST),  # too near midnight for a test to finish before it
    (1, dt.time(0, 10), clock.LATEST),  # the run went over midnight
])
def test_the_clock_is_held_on_the_runs_date(day, time, held):
    with time_machine.travel(at(clock.TODAY + dt.timedelta(days=day), time), tick=False):
        assert clock.a_moment_of_today() == at(clock.TODAY, held)
        for _ in clock.held_on_today():
            assert timezone.localdate() == clock.TODAY


def test_time_still_passes_while_held():
    for _ in clock.held_on_today():
        first = timezone.now()
        while timezone.now() == first:
            pass
        assert timezone.now() > first
