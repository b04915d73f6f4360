"""Reports: the funnel, and representation that never lets a count under 5 escape."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from pipeline.models import EqualitySnapshot, Interest
from pipeline.reports import SUPPRESSED, relative_likelihood, representation
from tests import factories
from trainees.models import EqualityMonitoring

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, cast):
    client.force_login(cast.staff_a)
    return client


def people(region, n: int, ethnic_group: str, sex: str = "female", **fellowship):
    out = []
    for _ in range(n):
        trainee = factories.TraineeFactory(region=region, leadership_interest=True)
        EqualityMonitoring.objects.create(trainee=trainee, ethnic_group=ethnic_group, sex=sex)
        if fellowship:
            factories.FellowshipFactory(trainee=trainee, **fellowship)
        out.append(trainee)
    return out


def test_no_count_under_5_appears_in_the_representation(cast):
    people(cast.region_a, 9, "white")
    people(cast.region_a, 2, "black")
    people(cast.region_a, 6, "asian", sex="male")
    _, rows = representation(region=cast.region_a, characteristic="ethnic_group")
    for row in rows:
        for cell in [row.total, *row.cells]:
            assert cell == SUPPRESSED or cell >= 5


def numbers_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?<![\w.-])(\d+)(?![\w.-])", text)]


def test_pages_and_downloads_carry_no_count_under_5(staff, cast):
    people(cast.region_a, 9, "white", completed_on=None, status="active")
    people(cast.region_a, 3, "mixed", sex="male")
    html = staff.get(reverse("alumni:report")).content.decode()
    table = html[html.index("Representation at each stage"):html.index("Relative likelihood")]
    # A responsive table: each cell starts with its column's name, for phones.
    cells = re.findall(r'nhsuk-table__cell--numeric"[^>]*>(?:<span class="nhsuk-table__heading"[^>]*>'
                       r'[^<]*</span>)?([^<]*)<', table)
    assert cells and all(c == SUPPRESSED or int(c) >= 5 for c in cells)
    for fmt in ("csv", "xlsx"):
        response = staff.get(reverse("alumni:report-download",
                                     kwargs={"name": "representation-ethnicity", "fmt": fmt}))
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        else:
            sheet = load_workbook(io.BytesIO(response.content)).active
            rows = [[str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
        values = [c for r in rows[1:] for c in r[1:]]
        assert all(c == SUPPRESSED or int(c) >= 5 for c in values), rows


def test_relative_likelihood_is_withheld_for_small_groups_and_computed_otherwise(cast):
    vacancy = factories.VacancyFactory(trust=cast.trust_a)
    whites = people(cast.region_a, 10, "white")
    others = people(cast.region_a, 10, "asian")
    assert relative_likelihood(region=cast.region_a).withheld
    EqualitySnapshot.objects.all().delete()  # as if a month had passed
    for i, trainee in enumerate(whites):
        Interest.objects.create(trainee=trainee, vacancy=vacancy,
                                status="appointed" if i < 5 else "not_selected")
    for i, trainee in enumerate(others):
        Interest.objects.create(trainee=trainee, vacancy=vacancy,
                                status="appointed" if i < 5 else "interested")
    likelihood = relative_likelihood(region=cast.region_a)
    assert not likelihood.withheld
    assert likelihood.ratio == pytest.approx((5 / 10) / (5 / 10))


def test_the_funnel_counts_each_stage(staff, cast):
    people(cast.region_a, 2, "white")  # interest only
    people(cast.region_a, 1, "white", status="active", completed_on=None)
    people(cast.region_a, 1, "white", status="completed")
    html = staff.get(reverse("alumni:report")).content.decode()
    assert ("Of 4 trainees with an interest in leadership, 2 applied to a scheme, "
            "1 is an active fellow, 1 is an alumnus") in html


def test_downloads_render_formulas_inert(staff, cast):
    trainee = factories.TraineeFactory(region=cast.region_a, leadership_interest=True)
    trainee.specialty.name = '=HYPERLINK("http://x")'
    trainee.specialty.save()
    url = reverse("alumni:report-download", kwargs={"name": "funnel", "fmt": "csv"})
    body = staff.get(url + "?by=specialty")
    assert "'=HYPERLINK" in body.content.decode("utf-8-sig")


def test_the_funnel_breaks_down_by_scheme_and_year(staff, cast):
    people(cast.region_a, 2, "white", status="completed")
    for by, group in (("scheme", "Darzi Fellowship"), ("year", "2024")):
        html = staff.get(reverse("alumni:report") + f"?by={by}").content.decode()
        assert f">{group}</th>" in html and "not applicable" in html


def test_the_report_is_worked_out_once_every_five_minutes(staff, cast, django_assert_max_num_queries):
    people(cast.region_a, 2, "white")
    first = staff.get(reverse("alumni:report")).content.decode()
    assert "Figures as of" in first and "Of 2 trainees with an interest in leadership" in first
    people(cast.region_a, 1, "white")
    with django_assert_max_num_queries(6):  # the session and the user, not the region's pipeline
        again = staff.get(reverse("alumni:report")).content.decode()
    assert "Of 2 trainees with an interest in leadership" in again  # until the five minutes are up
    cache.clear()
    assert "Of 3 trainees with an interest" in staff.get(reverse("alumni:report")).content.decode()
