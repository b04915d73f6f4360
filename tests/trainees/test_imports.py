"""Bulk import: dry run row by row, all-or-nothing commit, re-import changes nothing."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from imports import files
from imports.files import ImportFileError
from imports.plans import commit_plan as commit_trainee_import
from tests import factories
from trainees.imports import COLUMNS, REFUSED_ELSEWHERE, plan_trainee_import
from trainees.models import Trainee

pytestmark = pytest.mark.django_db


def read_rows(filename: str, content: bytes) -> list[dict[str, str]]:
    return files.read_rows(filename, content, COLUMNS)


def row(gmc: str = "1234567", **overrides) -> dict[str, str]:
    base = {"gmc_number": gmc, "first_name": "Ada", "last_name": "Lovelace",
            "email": f"ada.{gmc}@trainee.example", "grade": "ST4", "specialty": "Anaesthetics",
            "region": "North West London", "current_trust": ""}
    return {**base, **overrides}


def csv_bytes(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_a_dry_run_says_row_by_row_what_would_happen_and_writes_nothing():
    trust = factories.TrustFactory(ods_code="RJ1")
    factories.TraineeFactory(gmc_number="7654321", first_name="Old")
    rows = [row("1234567", current_trust=trust.ods_code), row("7654321"),
            row("123456"), row("2345678", current_trust="ZZ9"), row("1234567"),
            row("3456789", grade="ST99", email="not-an-email")]
    plan = plan_trainee_import(read_rows("t.csv", csv_bytes(rows)))
    assert plan.counts() == {"create": 1, "update": 1, "unchanged": 0, "refused": 4}
    errors = {o.line: o.errors for o in plan.outcomes if o.errors}
    assert errors[4] == ["GMC number '123456' is not 7 digits"]
    assert errors[5] == ["Unknown trust code 'ZZ9'"]
    assert errors[6] == ["GMC number 1234567 appears again (first on line 2)"]
    assert set(errors[7]) == {"Unknown grade 'ST99'", "Email 'not-an-email' is not an email address"}
    assert Trainee.objects.count() == 1


def test_nothing_is_written_while_any_row_is_refused():
    plan = plan_trainee_import([row("1234567"), row("bad")])
    with pytest.raises(ValidationError, match="1 row is refused"):
        commit_trainee_import(plan)
    assert not Trainee.objects.exists()


def test_commit_then_reimport_changes_nothing():
    rows = [row(f"{1000000 + i}") for i in range(30)]
    assert commit_trainee_import(plan_trainee_import(rows))["create"] == 30
    again = plan_trainee_import(rows)
    assert again.counts() == {"create": 0, "update": 0, "unchanged": 30, "refused": 0}
    commit_trainee_import(again)
    assert Trainee.objects.count() == 30


def test_an_import_updates_by_gmc_number_and_keeps_an_audit_trail():
    trainee = factories.TraineeFactory(gmc_number="1234567", last_name="Byron")
    commit_trainee_import(plan_trainee_import([row("1234567", last_name="King")]))
    trainee.refresh_from_db()
    assert trainee.last_name == "King"
    assert trainee.history.count() >= 2
    assert trainee.history.first().last_name == "King"


def test_staff_imports_are_kept_to_their_region():
    region_a = factories.region("north-west-london")
    factories.TraineeFactory(gmc_number="7654321", region=factories.region("north-east"))
    plan = plan_trainee_import([row("1234567", region="North East"), row("7654321")],
                               region_id=region_a.pk)
    errors = [e for o in plan.outcomes for e in o.errors]
    assert "The trainee's region is not yours" in errors
    assert REFUSED_ELSEWHERE in errors
    assert not any("another region" in e or "North East" in e for e in errors), "never says where"


def test_xlsx_files_import_like_csv():
    book = Workbook()
    sheet = book.active
    sheet.append([c.replace("_", " ").title() for c in COLUMNS])  # "Gmc Number" etc.
    sheet.append(list(row("1234567").values()))
    out = io.BytesIO()
    book.save(out)
    rows = read_rows("trainees.xlsx", out.getvalue())
    assert plan_trainee_import(rows).counts()["create"] == 1


@pytest.mark.parametrize("name, content, message", [
    ("t.pdf", b"%PDF", "must be a CSV or an XLSX"),
    ("t.csv", b"gmc_number,first_name\n1234567,Ada\n", "missing these columns"),
    ("t.csv", ",".join(COLUMNS).encode() + b"\n", "no rows"),
    ("t.xlsx", b"not a spreadsheet", "could not be read"),
    ("t.csv", b"\xff\xfe\x00bad", "UTF-8"),
])
def test_bad_files_are_refused_whole_with_a_clear_message(name, content, message):
    with pytest.raises(ImportFileError, match=message):
        read_rows(name, content)


def test_the_command_dry_runs_and_imports(tmp_path, capsys):
    path = tmp_path / "trainees.csv"
    path.write_bytes(csv_bytes([row("1234567"), row("2345678")]))
    call_command("import_trainees", str(path), "--dry-run")
    assert "2 create" in capsys.readouterr().out and not Trainee.objects.exists()
    call_command("import_trainees", str(path))
    assert Trainee.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([row("123")]))
    with pytest.raises(CommandError, match="refused"):
        call_command("import_trainees", str(bad))


def test_large_files_report_progress_while_checked():
    seen = []
    rows = [row(f"{2000000 + i}") for i in range(10_001)]
    plan_trainee_import(rows, on_progress=seen.append)
    assert seen == [5000, 10000]


def interest_file(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*COLUMNS, "leadership_interest"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_the_optional_leadership_interest_column_says_yes_no_or_leaves_it():
    factories.TraineeFactory(gmc_number="7654321", first_name="Row2", last_name="Surname",
                             email="row@trainee.example", leadership_interest=True)
    rows = [row("1234567", leadership_interest="yes"), row("7654321", leadership_interest=""),
            row("2345678", leadership_interest="perhaps")]
    content = interest_file(rows)
    plan = plan_trainee_import(files.read_rows("t.csv", content, COLUMNS, ("leadership_interest",)))
    errors = {o.line: o.errors for o in plan.outcomes if o.errors}
    assert errors == {4: ["leadership_interest 'perhaps' must be yes or no"]}
    plan = plan_trainee_import(files.read_rows("t.csv", interest_file(rows[:2]), COLUMNS,
                                               ("leadership_interest",)))
    commit_trainee_import(plan)
    assert Trainee.objects.get(gmc_number="1234567").leadership_interest
    assert Trainee.objects.get(gmc_number="7654321").leadership_interest  # blank: kept


def test_a_file_without_the_interest_column_leaves_what_trainees_said():
    factories.TraineeFactory(gmc_number="7654321", leadership_interest=True)
    plan = plan_trainee_import(read_rows("t.csv", csv_bytes([row("7654321")])))
    commit_trainee_import(plan)
    assert Trainee.objects.get(gmc_number="7654321").leadership_interest
