"""Bulk import of trainees from CSV or XLSX: a row-by-row dry run, then all-or-nothing.

Rows are matched on GMC number, so importing the same file again changes nothing.
Writes go through django-simple-history's bulk helpers so the audit trail records
them like any other change.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from pipeline.models import Region, Trust
from trainees.models import Grade, Specialty, Trainee

COLUMNS = ["gmc_number", "first_name", "last_name", "email", "grade", "specialty", "region",
           "current_trust"]
FIELDS = ["first_name", "last_name", "email", "grade_id", "specialty_id", "region_id",
          "current_trust_id"]
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
BATCH = 5000
REPORT_LIMIT = 500  # rows kept for the page: every refused row first, then a sample


class ImportFileError(ValueError):
    """The file as a whole cannot be read: nothing is imported."""


@dataclass
class RowOutcome:
    line: int
    gmc_number: str
    action: str  # create, update, unchanged, refused
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    outcomes: list[RowOutcome]
    creates: list[Trainee]
    updates: list[Trainee]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(["create", "update", "unchanged", "refused"], 0)
        for outcome in self.outcomes:
            counts[outcome.action] += 1
        return counts

    @property
    def refused(self) -> int:
        return sum(1 for o in self.outcomes if o.action == "refused")

    def report(self) -> list[dict]:
        ordered = sorted(self.outcomes, key=lambda o: (o.action != "refused", o.line))
        return [{"line": o.line, "gmc_number": o.gmc_number, "action": o.action, "errors": o.errors}
                for o in ordered[:REPORT_LIMIT]]


def read_rows(filename: str, content: bytes, columns: list[str] = COLUMNS) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dictionaries keyed by our column names."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _csv_rows(content, columns)
    elif name.endswith(".xlsx"):
        rows = _xlsx_rows(content, columns)
    else:
        raise ImportFileError("The file must be a CSV or an XLSX spreadsheet")
    if not rows:
        raise ImportFileError("The file has no rows below its header")
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows: split it")
    return rows


def _header(cells: list, columns: list[str]) -> list[str]:
    header = [str(c or "").strip().lower().replace(" ", "_") for c in cells]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportFileError("The header is missing these columns: " + ", ".join(missing))
    return header


def _csv_rows(content: bytes, columns: list[str]) -> list[dict[str, str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError("The CSV file must be saved as UTF-8") from error
    reader = csv.reader(io.StringIO(text))
    header = _header(next(reader, []), columns)
    return [dict(zip(header, (c.strip() for c in row), strict=False)) for row in reader if any(row)]


def _xlsx_rows(content: bytes, columns: list[str]) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError("The XLSX file could not be read") from error
    rows = sheet.iter_rows(values_only=True)
    header = _header(list(next(rows, [])), columns)
    return [dict(zip(header, ("" if c is None else str(c).strip() for c in row), strict=False))
            for row in rows if any(c not in (None, "") for c in row)]


@dataclass
class Lookups:
    grades: dict[str, int]
    specialties: dict[str, int]
    regions: dict[str, int]
    trusts: dict[str, tuple[int, int]]

    @classmethod
    def load(cls) -> "Lookups":
        regions = {}
        for pk, code, name in Region.objects.values_list("pk", "code", "name"):
            regions[code.casefold()] = regions[name.casefold()] = pk
        return cls(
            grades={code.upper(): pk for pk, code in Grade.objects.values_list("pk", "code")},
            specialties={n.casefold(): pk for pk, n in Specialty.objects.values_list("pk", "name")},
            regions=regions,
            trusts={code: (pk, region) for pk, code, region
                    in Trust.objects.values_list("pk", "ods_code", "region_id")},
        )


def _existing(gmc_numbers: list[str]) -> dict[str, Trainee]:
    found: dict[str, Trainee] = {}
    for start in range(0, len(gmc_numbers), BATCH):
        for trainee in Trainee.objects.filter(gmc_number__in=gmc_numbers[start:start + BATCH]):
            found[trainee.gmc_number] = trainee
    return found


def _validate(row: dict[str, str], look: Lookups, region_id: int | None) -> tuple[dict, list[str]]:
    """The row's values as model fields, and what is wrong with it."""
    errors, values = [], {}
    gmc = row.get("gmc_number", "")
    if not (len(gmc) == 7 and gmc.isdigit()):
        errors.append(f"GMC number '{gmc}' is not 7 digits")
    for name in ("first_name", "last_name"):
        values[name] = row.get(name, "")
        if not values[name]:
            errors.append(f"{name.replace('_', ' ').capitalize()} is missing")
    values["email"] = row.get("email", "").lower()
    try:
        validate_email(values["email"])
    except ValidationError:
        errors.append(f"Email '{row.get('email', '')}' is not an email address")
    checks = [("grade_id", look.grades.get(row.get("grade", "").upper()), "grade"),
              ("specialty_id", look.specialties.get(row.get("specialty", "").casefold()), "specialty"),
              ("region_id", look.regions.get(row.get("region", "").casefold()), "region")]
    for name, found, label in checks:
        values[name] = found
        if found is None:
            errors.append(f"Unknown {label} '{row.get(label, '')}'")
    trust = row.get("current_trust", "").upper()
    values["current_trust_id"] = None
    if trust:
        if trust not in look.trusts:
            errors.append(f"Unknown trust code '{trust}'")
        else:
            values["current_trust_id"] = look.trusts[trust][0]
    if region_id is not None and values["region_id"] not in (None, region_id):
        errors.append("The trainee's region is not yours")
    return values, errors


def plan_trainee_import(rows: list[dict[str, str]], *, region_id: int | None = None,
                        on_progress=None) -> ImportPlan:
    """Decide, row by row, what an import would do. Writes no trainee.

    `on_progress(rows_done)` is called every few thousand rows, for the progress shown
    while a large file is checked in the background.
    """
    look = Lookups.load()
    existing = _existing([r.get("gmc_number", "") for r in rows])
    seen: dict[str, int] = {}
    plan = ImportPlan(outcomes=[], creates=[], updates=[])
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        if on_progress and (line - 2) % BATCH == 0 and line > 2:
            on_progress(line - 2)
        gmc = row.get("gmc_number", "")
        values, errors = _validate(row, look, region_id)
        if gmc in seen:
            errors.append(f"GMC number {gmc} appears again (first on line {seen[gmc]})")
        seen.setdefault(gmc, line)
        current = existing.get(gmc)
        if current is not None and region_id is not None and current.region_id != region_id:
            errors.append("This trainee is recorded in another region")
        if errors:
            plan.outcomes.append(RowOutcome(line, gmc, "refused", errors))
        elif current is None:
            plan.creates.append(Trainee(gmc_number=gmc, **values))
            plan.outcomes.append(RowOutcome(line, gmc, "create"))
        elif all(getattr(current, f) == values[f] for f in FIELDS):
            plan.outcomes.append(RowOutcome(line, gmc, "unchanged"))
        else:
            for name in FIELDS:
                setattr(current, name, values[name])
            plan.updates.append(current)
            plan.outcomes.append(RowOutcome(line, gmc, "update"))
    return plan


@transaction.atomic
def upsert_trainees(rows: list[dict[str, str]], *, region_id: int | None,
                    dry_run: bool) -> tuple[ImportPlan, bool]:
    """Check rows and, unless a dry run or any row is refused, write them all.

    For integrations (the API's bulk upsert): the same checks and report as a file
    import, in one call. Returns the plan and whether it was written.
    """
    plan = plan_trainee_import(rows, region_id=region_id)
    write = not dry_run and not plan.refused
    if write:
        commit_trainee_import(plan)
    return plan, write


@transaction.atomic
def commit_trainee_import(plan: ImportPlan) -> dict[str, int]:
    """Write the plan, all or nothing; refuses while any row is refused."""
    if plan.refused:
        raise ValidationError(f"{plan.refused} rows are refused: correct the file and check it again. "
                              "Nothing has been imported.")
    bulk_create_with_history(plan.creates, Trainee, batch_size=BATCH)
    if plan.updates:
        bulk_update_with_history(plan.updates, Trainee, FIELDS, batch_size=BATCH)
    return plan.counts()
