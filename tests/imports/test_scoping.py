"""Staff import only into their own region (issue #23): fellowships into their region's
cohorts or national ones, placements of their region's trainees."""

import pytest

from imports.registry import plan_import
from schemes.imports import FELLOWSHIP_COLUMNS
from tests import factories
from tests.trainees.test_imports_more import csv_of, placement
from trainees.imports import PLACEMENT_COLUMNS

pytestmark = pytest.mark.django_db


def fellowship(gmc: str, cohort: str) -> dict:
    return {"gmc_number": gmc, "scheme": "Darzi Fellowship", "cohort": cohort, "status": "active",
            "host_organisation": "", "project_title": "", "completed_on": ""}


def test_staff_import_fellowships_into_their_regions_cohorts_and_national_ones_only(cast):
    factories.TraineeFactory(gmc_number="1234567", region=cast.region_a)
    factories.CohortFactory(name="Ours", region=cast.region_a)
    factories.CohortFactory(name="National")
    factories.CohortFactory(name="Theirs", region=cast.region_b)
    rows = [fellowship("1234567", name) for name in ("Ours", "National", "Theirs")]
    content = csv_of(FELLOWSHIP_COLUMNS, rows)
    planned = plan_import("fellowships", "f.csv", content, region_id=cast.region_a.pk)
    assert [o.action for o in planned.outcomes] == ["create", "create", "refused"]
    assert planned.outcomes[2].errors == [
        "The cohort 'Theirs' of scheme 'Darzi Fellowship' is another region's"]
    # Without a region (an administrator, the command) every cohort is open.
    assert plan_import("fellowships", "f.csv", content).counts()["create"] == 3


def test_staff_cannot_import_a_fellowship_for_another_regions_trainee(cast):
    factories.TraineeFactory(gmc_number="7654321", region=cast.region_b)
    factories.CohortFactory(name="National")
    content = csv_of(FELLOWSHIP_COLUMNS, [fellowship("7654321", "National")])
    planned = plan_import("fellowships", "f.csv", content, region_id=cast.region_a.pk)
    assert "No trainee with GMC number 7654321 in your records" in planned.outcomes[0].errors[0]


def test_staff_import_placements_of_their_regions_trainees_only(cast):
    factories.TraineeFactory(gmc_number="1234567", region=cast.region_a)
    factories.TraineeFactory(gmc_number="7654321", region=cast.region_b)
    factories.TrustFactory(ods_code="RJ1")
    content = csv_of(PLACEMENT_COLUMNS, [placement("1234567"), placement("7654321")])
    planned = plan_import("placements", "p.csv", content, region_id=cast.region_a.pk)
    assert [o.action for o in planned.outcomes] == ["create", "refused"]
    assert planned.outcomes[1].errors == [
        "No trainee with GMC number 7654321 in your records: import trainees first"]
    assert plan_import("placements", "p.csv", content).counts()["create"] == 2
