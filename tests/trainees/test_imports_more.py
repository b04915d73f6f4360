"""Placements and fellowships import like trainees: row by row, all or nothing, idempotent."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from imports.plans import commit_plan as commit_planned
from imports.registry import plan_import
from schemes.imports import FELLOWSHIP_COLUMNS
from schemes.models import Fellowship
from tests import factories
from trainees.imports import PLACEMENT_COLUMNS
from trainees.models import Placement

pytestmark = pytest.mark.django_db


def csv_of(columns: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def placement(gmc: str, **overrides) -> dict:
    return {"gmc_number": gmc, "trust": "RJ1", "specialty": "Anaesthetics", "grade": "ST4",
            "kind": "clinical", "start_date": "2026-08-05", "end_date": "2027-02-04", **overrides}


def test_placements_import_then_reimport_changes_nothing():
    trainee = factories.TraineeFactory(gmc_number="1234567")
    factories.TrustFactory(ods_code="RJ1")
    second = placement("1234567", start_date="05/02/2027", end_date="2027-08-04")
    content = csv_of(PLACEMENT_COLUMNS, [placement("1234567"), second])
    assert commit_planned(plan_import("placements", "p.csv", content))["create"] == 2
    assert Placement.objects.filter(trainee=trainee).count() == 2
    again = plan_import("placements", "p.csv", content)
    assert again.counts() == {"create": 0, "update": 0, "unchanged": 2, "refused": 0}


def test_bad_placement_rows_are_refused_with_reasons_and_nothing_is_written():
    factories.TraineeFactory(gmc_number="1234567")
    factories.TrustFactory(ods_code="RJ1")
    rows = [placement("1234567"), placement("7777777"), placement("1234567", trust="ZZ9"),
            placement("1234567", start_date="2026-09-01", end_date="2026-08-01"),
            placement("1234567", start_date="yesterday"), placement("1234567")]
    planned = plan_import("placements", "p.csv", csv_of(PLACEMENT_COLUMNS, rows))
    errors = {o.line: o.errors for o in planned.outcomes if o.errors}
    assert "import trainees first" in errors[3][0]
    assert errors[4] == ["Unknown trust code 'ZZ9'"]
    assert errors[5] == ["The end date is not after the start date"]
    assert "is not a date" in errors[6][0]
    assert "appears again (first on line 2)" in errors[7][0]
    with pytest.raises(ValidationError):
        commit_planned(planned)
    assert not Placement.objects.exists()


def test_fellowships_import_by_scheme_and_cohort():
    trainee = factories.TraineeFactory(gmc_number="1234567")
    cohort = factories.CohortFactory(name="2024 to 2025")
    rows = [{"gmc_number": "1234567", "scheme": "Darzi Fellowship", "cohort": "2024 to 2025",
             "status": "completed", "host_organisation": "NHS England", "project_title": "Flow",
             "completed_on": "2025-08-31"},
            {"gmc_number": "1234567", "scheme": "Darzi Fellowship", "cohort": "No such",
             "status": "active", "host_organisation": "", "project_title": "", "completed_on": ""}]
    planned = plan_import("fellowships", "f.csv", csv_of(FELLOWSHIP_COLUMNS, rows))
    assert planned.counts()["refused"] == 1
    good = plan_import("fellowships", "f.csv", csv_of(FELLOWSHIP_COLUMNS, rows[:1]))
    commit_planned(good)
    fellowship = Fellowship.objects.get(trainee=trainee)
    assert (fellowship.cohort, fellowship.status, fellowship.start_date) == (
        cohort, "completed", cohort.start_date)


def test_a_completed_fellowship_needs_its_date():
    factories.TraineeFactory(gmc_number="1234567")
    factories.CohortFactory(name="2024 to 2025")
    rows = [{"gmc_number": "1234567", "scheme": "Darzi Fellowship", "cohort": "2024 to 2025",
             "status": "completed", "host_organisation": "", "project_title": "", "completed_on": ""}]
    planned = plan_import("fellowships", "f.csv", csv_of(FELLOWSHIP_COLUMNS, rows))
    assert planned.outcomes[0].errors == ["A completed fellowship needs its completion date"]


def test_the_command_takes_a_kind(tmp_path, capsys):
    factories.TraineeFactory(gmc_number="1234567")
    factories.TrustFactory(ods_code="RJ1")
    path = tmp_path / "p.csv"
    path.write_bytes(csv_of(PLACEMENT_COLUMNS, [placement("1234567")]))
    call_command("import_trainees", str(path), "--kind", "placements")
    assert Placement.objects.count() == 1
