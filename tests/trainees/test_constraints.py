"""The database itself refuses bad rows, whatever code path writes them."""

import datetime as dt

import pytest

from tests import factories
from tests.helpers import assert_refused


@pytest.mark.django_db
def test_gmc_number_is_unique():
    factories.TraineeFactory(gmc_number="1234567")
    assert_refused(lambda: factories.TraineeFactory(gmc_number="1234567"))


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["123456", "12345678", "12345a7", "", " 123456"])
def test_gmc_number_must_be_exactly_seven_digits(bad):
    assert_refused(lambda: factories.TraineeFactory(gmc_number=bad))


@pytest.mark.django_db
def test_a_seven_digit_gmc_number_is_accepted():
    assert factories.TraineeFactory(gmc_number="0123456").pk


@pytest.mark.django_db
def test_placement_cannot_end_before_it_starts():
    start = dt.date(2026, 8, 1)
    day_before = start - dt.timedelta(days=1)
    assert_refused(lambda: factories.PlacementFactory(start_date=start, end_date=day_before))
    assert_refused(lambda: factories.PlacementFactory(start_date=start, end_date=start))


@pytest.mark.django_db
def test_fellowship_cannot_end_before_it_starts():
    assert_refused(lambda: factories.FellowshipFactory(
        start_date=dt.date(2025, 9, 1), end_date=dt.date(2025, 1, 1)))


@pytest.mark.django_db
def test_completed_fellowship_needs_its_completion_date():
    assert_refused(lambda: factories.FellowshipFactory(completed_on=None))


@pytest.mark.django_db
def test_discoverable_consent_records_when_it_was_given():
    assert_refused(lambda: factories.PreferencesFactory(discoverable=True, discoverable_consent_at=None))
