"""Schemes and cohorts for staff: create, enrol, record outcomes, only their region."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pipeline.models import Stewardship
from pipeline.stewardship import stewardship_sweep
from schemes.models import Cohort, Fellowship, Scheme
from schemes.services import fellowship_move
from tests import factories
from tests.helpers import date_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, cast):
    client.force_login(cast.staff_a)
    return client


def darzi() -> Scheme:
    return Scheme.objects.get(short_name="Darzi Fellowship")



def test_staff_create_a_cohort_for_their_region(staff, cast):
    data = {"name": "2027 to 2028", "intake_year": "2027",
            **date_fields("start_date", dt.date(2027, 9, 1)), **date_fields("end_date", dt.date(2028, 8, 31))}
    response = staff.post(reverse("schemes:cohort-new", kwargs={"uuid": darzi().uuid}), data)
    cohort = Cohort.objects.get(name="2027 to 2028")
    assert response.url == reverse("schemes:cohort", kwargs={"uuid": cohort.uuid})
    assert cohort.region == cast.region_a


def test_a_cohort_cannot_end_before_it_starts(staff):
    data = {"name": "Backwards", "intake_year": "2027",
            **date_fields("start_date", dt.date(2027, 9, 1)), **date_fields("end_date", dt.date(2027, 1, 1))}
    html = staff.post(reverse("schemes:cohort-new", kwargs={"uuid": darzi().uuid}), data).content.decode()
    assert "The end date must be after the start date" in html and "<title>Error:" in html


def test_enrolling_finds_the_trainee_in_the_region_only(staff, cast):
    cohort = factories.CohortFactory(region=cast.region_a)
    url = reverse("schemes:cohort", kwargs={"uuid": cohort.uuid})
    staff.post(url, {"gmc_number": cast.trainee.gmc_number})
    assert Fellowship.objects.filter(cohort=cohort, trainee=cast.trainee, status="applied").exists()
    html = staff.post(url, {"gmc_number": cast.other_trainee.gmc_number}).content.decode()
    assert "No trainee in your region has that GMC number" in html
    again = staff.post(url, {"gmc_number": cast.trainee.gmc_number}).content.decode()
    assert "is already in this cohort" in again


def test_another_regions_cohort_is_not_found_and_national_cohorts_show_only_your_fellows(staff, cast):
    theirs = factories.CohortFactory(region=cast.region_b)
    assert staff.get(reverse("schemes:cohort", kwargs={"uuid": theirs.uuid})).status_code == 404
    national = factories.CohortFactory(region=None)
    factories.FellowshipFactory(cohort=national, trainee=cast.trainee)
    factories.FellowshipFactory(cohort=national, trainee=cast.other_trainee)
    html = staff.get(reverse("schemes:cohort", kwargs={"uuid": national.uuid})).content.decode()
    assert cast.trainee.full_name in html and cast.other_trainee.full_name not in html


def test_completion_is_confirmed_and_makes_an_assessed_alumnus(staff, cast):
    cohort = factories.CohortFactory(region=cast.region_a)
    fellowship = factories.FellowshipFactory(cohort=cohort, trainee=cast.trainee, status="active",
                                             completed_on=None)
    url = reverse("schemes:fellowship-complete", kwargs={"uuid": cohort.uuid,
                                                          "fellowship_uuid": fellowship.uuid})
    assert "has completed the fellowship?" in staff.get(url).content.decode()
    staff.post(url)
    fellowship.refresh_from_db()
    assert fellowship.status == "completed" and fellowship.completed_on is not None
    assert Stewardship.objects.filter(trainee=cast.trainee).exists()


@pytest.mark.parametrize("start, to", [("applied", "completed"), ("completed", "withdrawn"),
                                       ("withdrawn", "active")])
def test_illegal_moves_are_refused(start, to):
    done = dt.date(2025, 8, 31) if start == "completed" else None
    fellowship = factories.FellowshipFactory(status=start, completed_on=done)
    with pytest.raises(ValidationError, match="cannot become"):
        fellowship_move(fellowship=fellowship, to=to)


def test_cohort_outcomes_count_alumni_by_status(staff, cast):
    cohort = factories.CohortFactory(region=cast.region_a)
    factories.FellowshipFactory(cohort=cohort, trainee=cast.trainee)

    stewardship_sweep()
    html = staff.get(reverse("schemes:cohort", kwargs={"uuid": cohort.uuid})).content.decode()
    assert "Alumni from your region" in html
