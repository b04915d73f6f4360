"""The forecast (pipeline.forecast, docs/national.md): returners and new consultants by month and
region against open roles, small numbers withheld the same way on the page and in the download,
and fixed for the month so that two downloads around a change reveal nobody."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from pipeline import forecast
from pipeline.disclosure import Table, protect, protect_partition
from pipeline.reports import SUPPRESSED
from schemes.models import Scheme
from tests import factories

pytestmark = pytest.mark.django_db


def _next_month(day: dt.date, months: int = 1) -> dt.date:
    return forecast.months_from(day)[months]


def _returners(cohort_end: dt.date, region, n: int, scheme_short: str = "Darzi Fellowship"):
    cohort = factories.CohortFactory(scheme=Scheme.objects.get(short_name=scheme_short),
                                     start_date=cohort_end - dt.timedelta(days=300), end_date=cohort_end)
    for _ in range(n):
        factories.FellowshipFactory(cohort=cohort, status="active", completed_on=None,
                                    trainee=factories.TraineeFactory(region=region))


def _download(client) -> list[list[str]]:
    body = client.get(reverse("national:forecast-download")).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _cell(rows, what: str, month: dt.date, where: str) -> str:
    return next(r[3] for r in rows if r[:3] == [what, month.strftime("%B %Y"), where])


def test_returners_by_month_and_region_withhold_small_numbers(client, cast):
    month, later = _next_month(timezone.localdate(), 3), _next_month(timezone.localdate(), 4)
    _returners(month + dt.timedelta(days=10), cast.region_a, 6)
    _returners(month + dt.timedelta(days=12), cast.region_b, 2)
    _returners(later, cast.region_a, 6)
    _returners(later, cast.region_b, 7)
    client.force_login(cast.admin)
    rows = _download(client)
    # 8 in all: showing region A's 6 would give away that the other regions hold 2.
    assert _cell(rows, forecast.RETURNERS, month, cast.region_a.name) == SUPPRESSED
    assert _cell(rows, forecast.RETURNERS, month, cast.region_b.name) == SUPPRESSED
    assert _cell(rows, forecast.RETURNERS, month, forecast.ALL_REGIONS) == "8"
    # 13 in all: the 7 may show, not the 6 too (the others' 0 would follow from both).
    assert _cell(rows, forecast.RETURNERS, later, cast.region_b.name) == "7"
    assert _cell(rows, forecast.RETURNERS, later, cast.region_a.name) == SUPPRESSED
    assert _cell(rows, forecast.RETURNERS, later, forecast.ALL_REGIONS) == "13"


def test_a_month_total_under_five_is_withheld(client, cast):
    month = _next_month(timezone.localdate(), 2)
    _returners(month + dt.timedelta(days=3), cast.region_a, 3)
    client.force_login(cast.admin)
    rows = _download(client)
    assert _cell(rows, forecast.RETURNERS, month, forecast.ALL_REGIONS) == SUPPRESSED
    assert "3" not in [r[3] for r in rows if r[0] == forecast.RETURNERS]


def test_new_consultants_come_from_expected_cct_dates(client, cast):
    month = _next_month(timezone.localdate(), 5)
    for _ in range(5):
        factories.TraineeFactory(region=cast.region_a, expected_cct_date=month + dt.timedelta(days=1))
    client.force_login(cast.staff_a)
    rows = _download(client)
    assert _cell(rows, forecast.CONSULTANTS, month, cast.region_a.name) == "5"
    assert {r[2] for r in rows[1:] if r[0] != forecast.ROLES} == {cast.region_a.name, forecast.ALL_REGIONS}


def test_open_roles_count_by_kind_and_start_month(client, cast):
    factories.VacancyFactory(trust=cast.trust_a, start_date=timezone.localdate() - dt.timedelta(days=30))
    factories.VacancyFactory(trust=cast.trust_b, status="draft")
    client.force_login(cast.admin)
    rows = _download(client)
    first = timezone.localdate().replace(day=1)
    roles = [r for r in rows if r[0] == forecast.ROLES and r[1] == first.strftime("%B %Y")]
    assert [r[3] for r in roles if r[2] == forecast.ALL_KINDS] == ["1"]  # the draft is not open


def test_two_downloads_around_a_change_are_the_same(client, cast):
    month = _next_month(timezone.localdate(), 4)
    _returners(month + dt.timedelta(days=1), cast.region_a, 7)
    client.force_login(cast.admin)
    before = _download(client)
    _returners(month + dt.timedelta(days=1), cast.region_a, 1)  # one more fellow comes back then
    assert _download(client) == before


def test_the_page_shows_what_the_download_shows(client, cast):
    month = _next_month(timezone.localdate(), 1)
    _returners(month + dt.timedelta(days=1), cast.region_a, 9)
    _returners(month + dt.timedelta(days=1), cast.region_b, 5)
    client.force_login(cast.admin)
    page = client.get(reverse("national:forecast")).content.decode()
    rows = _download(client)
    assert _cell(rows, forecast.RETURNERS, month, cast.region_a.name) == "9"
    assert _cell(rows, forecast.RETURNERS, month, cast.region_b.name) == SUPPRESSED
    assert ">9<" in page and ">14<" in page and SUPPRESSED in page


def test_a_lead_sees_their_schemes_forecast_only(client, cast):
    month = _next_month(timezone.localdate(), 6)
    _returners(month + dt.timedelta(days=1), cast.region_a, 5)
    _returners(month + dt.timedelta(days=1), cast.region_b, 6)
    _returners(month + dt.timedelta(days=1), cast.region_b, 7, scheme_short="NMDCF Scheme")
    client.force_login(cast.scheme_lead)
    rows = _download(client)
    assert _cell(rows, forecast.RETURNERS, month, cast.region_b.name) == "6"  # not the NMDCF's 7
    assert _cell(rows, forecast.RETURNERS, month, forecast.ALL_REGIONS) == "11"


@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6))
def test_protecting_a_partition_agrees_with_the_integer_programme(counts):
    """The fast rule for one stage withholds exactly what `protect` does."""
    groups = tuple(range(len(counts)))
    if len(groups) == 1:
        expected = {0: counts[0] if counts[0] >= 5 else None}  # protect needs two groups to play
    else:
        true = {(frozenset(["n"]), g): n for g, n in zip(groups, counts, strict=True) if n}
        shown = protect(Table(("n",), groups, true))
        expected = {g: shown[("n", g)] for g in groups}
    assert protect_partition(dict(zip(groups, counts, strict=True))) == expected
