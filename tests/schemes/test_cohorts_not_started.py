"""A cohort that has not started yet: its fellows cannot be marked active, and the cohort
page says so instead of offering it."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from imports.registry import plan_import
from schemes.imports import FELLOWSHIP_COLUMNS
from schemes.models import Fellowship
from schemes.services import fellowship_move
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, cast):
    client.force_login(cast.staff_a)
    return client


def next_years_cohort(cast):
    start = dt.date(timezone.localdate().year + 1, 9, 1)
    return factories.CohortFactory(region=cast.region_a, name="Next year", intake_year=start.year,
                                   start_date=start, end_date=start + dt.timedelta(days=364))


def applied(cohort, trainee):
    return factories.FellowshipFactory(cohort=cohort, trainee=trainee, status="applied", completed_on=None)


def test_a_fellow_of_a_cohort_starting_next_year_cannot_be_marked_active(cast):
    cohort = next_years_cohort(cast)
    fellowship = applied(cohort, cast.trainee)
    with pytest.raises(ValidationError, match="The fellowship starts on"):
        fellowship_move(fellowship=fellowship, to=Fellowship.Status.ACTIVE)
    fellowship.refresh_from_db()
    assert fellowship.status == "applied"


def test_the_cohort_page_gives_the_reason_instead_of_the_action(staff, cast):
    cohort = next_years_cohort(cast)
    fellowship = applied(cohort, cast.trainee)
    html = staff.get(reverse("schemes:cohort", kwargs={"uuid": cohort.uuid})).content.decode()
    activate = reverse("schemes:fellowship-activate", kwargs={"uuid": cohort.uuid,
                                                              "fellowship_uuid": fellowship.uuid})
    assert activate not in html
    assert (f"The fellowship starts on {cohort.start_date:%-d %B %Y}. It can be marked active from then."
            in html)
    assert "Record withdrawal" in html  # what can be done is still offered
    confirm = staff.get(activate).content.decode()
    assert "Yes, record it" not in confirm and "The fellowship starts on" in confirm


def test_a_cohort_that_has_started_can_be_marked_active(staff, cast):
    cohort = factories.CohortFactory(region=cast.region_a)  # started in 2024
    fellowship = applied(cohort, cast.trainee)
    staff.post(reverse("schemes:fellowship-activate", kwargs={"uuid": cohort.uuid,
                                                              "fellowship_uuid": fellowship.uuid}))
    fellowship.refresh_from_db()
    assert fellowship.status == "active"


def test_an_import_cannot_make_a_fellowship_of_a_cohort_not_yet_started_active(cast):
    factories.TraineeFactory(gmc_number="1234567")
    cohort = next_years_cohort(cast)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FELLOWSHIP_COLUMNS)
    writer.writeheader()
    writer.writerow({"gmc_number": "1234567", "scheme": "Darzi Fellowship", "cohort": cohort.name,
                     "status": "active", "host_organisation": "", "project_title": "", "completed_on": ""})
    planned = plan_import("fellowships", "f.csv", out.getvalue().encode())
    assert planned.counts()["refused"] == 1
    assert "The fellowship starts on" in planned.outcomes[0].errors[0]
