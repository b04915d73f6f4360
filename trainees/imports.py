"""Importing trainees and their placements from CSV or XLSX (the `imports` app runs them).

Trainees are matched on GMC number and placements on (GMC number, trust, start date),
so importing the same file again changes nothing. Both are registered with
`imports.registry` in `TraineesConfig.ready`.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from imports.checks import field_errors, shown
from imports.files import parse_date
from imports.plans import BATCH, ImportPlan, commit_plan
from imports.registry import Importer
from reference.models import Grade, Region, Specialty, Trust
from trainees.models import Placement, Trainee
from trainees.validators import is_gmc_number

COLUMNS = ["gmc_number", "first_name", "last_name", "email", "grade", "specialty", "region",
           "current_trust"]
FIELDS = ["first_name", "last_name", "email", "grade_id", "specialty_id", "region_id",
          "current_trust_id"]
# Optional: "yes" or "no"; blank or no column leaves what the trainee said as it is.
INTEREST_COLUMN = "leadership_interest"
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}
PLACEMENT_COLUMNS = ["gmc_number", "trust", "specialty", "grade", "kind", "start_date", "end_date"]
PLACEMENT_FIELDS = ["specialty_id", "grade_id", "kind", "end_date"]

# Said of a GMC number held outside the importer's region: refused, without saying where (or
# whether) it is held, so an import cannot be used to find out where a doctor trains.
REFUSED_ELSEWHERE = ("Refused: this GMC number cannot be imported into your region. "
                     "Contact the service team if you think it should be.")


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


def _gmc_numbers(rows: list[dict[str, str]]) -> list[str]:
    """The well-formed GMC numbers of the rows: only these are looked up (a malformed one
    is refused anyway, and one holding a NUL would make PostgreSQL refuse the query)."""
    return list({gmc for r in rows if is_gmc_number(gmc := r.get("gmc_number", ""))})


def _existing(gmc_numbers: list[str]) -> dict[str, Trainee]:
    found: dict[str, Trainee] = {}
    for start in range(0, len(gmc_numbers), BATCH):
        for trainee in Trainee.objects.filter(gmc_number__in=gmc_numbers[start:start + BATCH]):
            found[trainee.gmc_number] = trainee
    return found


def _validate(row: dict[str, str], look: Lookups, region_id: int | None) -> tuple[dict, list[str]]:
    """The row's values as model fields, and what is wrong with it."""
    errors: list[str] = []
    gmc = row.get("gmc_number", "")
    if not is_gmc_number(gmc):
        errors.append(f"GMC number '{shown(gmc)}' is not 7 digits")
    values: dict[str, str | int | bool | None] = {
        "first_name": row.get("first_name", ""), "last_name": row.get("last_name", ""),
        "email": row.get("email", "").lower()}
    errors += field_errors(Trainee, values)  # lengths, blanks, email format, NULs
    checks = [("grade_id", look.grades.get(row.get("grade", "").upper()), "grade"),
              ("specialty_id", look.specialties.get(row.get("specialty", "").casefold()), "specialty"),
              ("region_id", look.regions.get(row.get("region", "").casefold()), "region")]
    for name, found, label in checks:
        values[name] = found
        if found is None:
            errors.append(f"Unknown {label} '{shown(row.get(label, ''))}'")
    trust = row.get("current_trust", "").upper()
    values["current_trust_id"] = None
    if trust:
        if trust not in look.trusts:
            errors.append(f"Unknown trust code '{shown(trust)}'")
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
    existing = _existing(_gmc_numbers(rows))
    seen: dict[str, int] = {}
    # The interest is compared and written only when the file says it.
    with_interest = any(INTEREST_COLUMN in row for row in rows)
    plan = ImportPlan(Trainee, [*FIELDS, "leadership_interest"] if with_interest else FIELDS)
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        if on_progress and (line - 2) % BATCH == 0 and line > 2:
            on_progress(line - 2)
        gmc = row.get("gmc_number", "")
        values, errors = _validate(row, look, region_id)
        if gmc in seen:
            errors.append(f"GMC number {shown(gmc)} appears again (first on line {seen[gmc]})")
        seen.setdefault(gmc, line)
        current = existing.get(gmc)
        if current is not None and region_id is not None and current.region_id != region_id:
            errors.append(REFUSED_ELSEWHERE)
        values["leadership_interest"] = _interest(row, current, errors)
        new = None if errors else Trainee(gmc_number=gmc, **values)
        plan.decide(line=line, gmc=gmc, errors=errors, current=current, new=new)
    return plan


def _interest(row: dict[str, str], current: Trainee | None, errors: list[str]) -> bool:
    """The row's leadership interest; blank keeps what is recorded (no for someone new)."""
    said = row.get(INTEREST_COLUMN, "").strip().casefold()
    if said in YES or said in NO:
        return said in YES
    if said:
        errors.append(f"leadership_interest '{shown(row[INTEREST_COLUMN])}' must be yes or no")
    return current.leadership_interest if current is not None else False


@transaction.atomic
def upsert_trainees(rows: list[dict[str, str]], *, region_id: int | None,
                    dry_run: bool) -> tuple[ImportPlan, bool]:
    """Check rows and, unless a dry run or any row is refused, write them all.

    For integrations (the API's bulk upsert): the same checks and report as a file
    import, in one call. Returns the plan and whether it was written.
    """
    plan = plan_trainee_import(rows, region_id=region_id)
    if dry_run or plan.refused:
        return plan, False
    try:
        commit_plan(plan)
    except ValidationError as failed:  # the write failed anyway: rolled back, and says why
        plan.failure = " ".join(failed.messages)
        return plan, False
    return plan, True


def trainees_by_gmc(rows: list[dict[str, str]], region_id: int | None) -> dict[str, Trainee]:
    """The trainees the rows name (only the region's, for staff), by GMC number."""
    found = Trainee.objects.filter(gmc_number__in=_gmc_numbers(rows))
    if region_id is not None:
        found = found.filter(region_id=region_id)
    return {t.gmc_number: t for t in found}


def row_trainee(row: dict[str, str], trainees: dict[str, Trainee],
                errors: list[str]) -> tuple[str, Trainee | None]:
    """The row's GMC number and the trainee it names; an error when there is no such trainee."""
    gmc = row.get("gmc_number", "")
    trainee = trainees.get(gmc)
    if trainee is None:
        errors.append(f"No trainee with GMC number {shown(gmc)} in your records: import trainees first")
    return gmc, trainee


def plan_placement_import(rows: list[dict[str, str]], *, region_id: int | None = None,
                          on_progress=None) -> ImportPlan:
    trainees = trainees_by_gmc(rows, region_id)
    trusts = dict(Trust.objects.values_list("ods_code", "pk"))
    grades = {c.upper(): pk for pk, c in Grade.objects.values_list("pk", "code")}
    specialties = {n.casefold(): pk for pk, n in Specialty.objects.values_list("pk", "name")}
    existing = {(p.trainee_id, p.trust_id, p.start_date): p
                for p in Placement.objects.filter(trainee__in=trainees.values())}
    plan = ImportPlan(Placement, PLACEMENT_FIELDS)
    seen: dict[tuple[str, str, date | None], int] = {}
    for line, row in enumerate(rows, start=2):
        errors: list[str] = []
        gmc, trainee = row_trainee(row, trainees, errors)
        trust = trusts.get(row.get("trust", "").upper())
        if trust is None:
            errors.append(f"Unknown trust code '{shown(row.get('trust', ''))}'")
        grade = grades.get(row.get("grade", "").upper())
        specialty = specialties.get(row.get("specialty", "").casefold())
        errors += [f"Unknown {label} '{shown(row.get(label, ''))}'" for label, v in
                   (("grade", grade), ("specialty", specialty)) if v is None]
        kind = row.get("kind", "").lower().replace(" ", "_") or Placement.Kind.CLINICAL
        if kind not in Placement.Kind.values:
            errors.append(f"Kind '{shown(row.get('kind', ''))}' must be {' or '.join(_kinds())}")
        start = parse_date(row.get("start_date", ""), "Start date", errors)
        end = parse_date(row.get("end_date", ""), "End date", errors)
        if start and end and end <= start:
            errors.append("The end date is not after the start date")
        key = (gmc, row.get("trust", "").upper(), start)
        if key in seen:
            errors.append(f"The same placement appears again (first on line {seen[key]})")
        seen.setdefault(key, line)
        new = current = None
        if not errors:  # then none of these is missing: each missing one is an error above
            assert trainee is not None and trust is not None and specialty is not None
            assert grade is not None and start is not None and end is not None
            new = Placement(trainee=trainee, trust_id=trust, specialty_id=specialty, grade_id=grade,
                            kind=kind, start_date=start, end_date=end)
            current = existing.get((trainee.pk, trust, start))
        plan.decide(line=line, gmc=gmc, errors=errors, current=current, new=new)
    return plan


def _kinds() -> list[str]:
    """The kinds of placement as a file may write them ("out of programme")."""
    return [str(label).lower() for label in Placement.Kind.labels]


def grade_codes() -> list[str]:
    return list(Grade.objects.order_by("rank").values_list("code", flat=True))


def specialty_names() -> list[str]:
    return list(Specialty.objects.order_by("name").values_list("name", flat=True))


def trainee_coded_columns(region_id: int | None) -> dict[str, list[str]]:
    """What the coded columns of a trainees file accept (for staff, their own region only)."""
    regions = Region.objects.order_by("name")
    if region_id is not None:
        regions = regions.filter(pk=region_id)
    return {"grade": grade_codes(), "specialty": specialty_names(),
            "region": [f"{name} (or {code})" for name, code in regions.values_list("name", "code")],
            INTEREST_COLUMN: ["yes", "no", "blank: leaves it as it is (optional column)"]}


def placement_coded_columns(region_id: int | None) -> dict[str, list[str]]:
    return {"grade": grade_codes(), "specialty": specialty_names(),
            "kind": [*_kinds(), "blank (read as clinical)"]}


TRAINEES = Importer(kind="trainees", label="Trainees", columns=COLUMNS, plan=plan_trainee_import, order=1,
                    accepted=trainee_coded_columns, optional_columns=(INTEREST_COLUMN,))
PLACEMENTS = Importer(kind="placements", label="Placements", columns=PLACEMENT_COLUMNS,
                      plan=plan_placement_import, order=2, accepted=placement_coded_columns)
