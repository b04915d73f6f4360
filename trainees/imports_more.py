"""Bulk import of placements and fellowships, on the same terms as trainees.

Placements are matched on (GMC number, trust, start date); fellowships on (GMC
number, cohort). The trainee must already exist (import trainees first).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from pipeline.models import Trust
from schemes.models import Cohort, Fellowship
from trainees.imports import BATCH, ImportPlan, RowOutcome, read_rows
from trainees.models import Grade, Placement, Specialty, Trainee

PLACEMENT_COLUMNS = ["gmc_number", "trust", "specialty", "grade", "kind", "start_date", "end_date"]
FELLOWSHIP_COLUMNS = ["gmc_number", "scheme", "cohort", "status", "host_organisation",
                      "project_title", "completed_on"]
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_date(text: str, label: str, errors: list[str]) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(f"{label} '{text}' is not a date like 2026-08-01 or 01/08/2026")
    return None


def _trainees(rows, region_id) -> dict[str, Trainee]:
    gmcs = {r.get("gmc_number", "") for r in rows}
    found = Trainee.objects.filter(gmc_number__in=gmcs)
    if region_id is not None:
        found = found.filter(region_id=region_id)
    return {t.gmc_number: t for t in found}


@dataclass
class Planned:
    plan: ImportPlan
    model: type[models.Model]
    fields: list[str]


def _decide(plan: ImportPlan, line: int, gmc: str, errors: list[str], current, new, fields) -> None:
    if errors:
        plan.outcomes.append(RowOutcome(line, gmc, "refused", errors))
    elif current is None:
        plan.creates.append(new)
        plan.outcomes.append(RowOutcome(line, gmc, "create"))
    elif all(getattr(current, f) == getattr(new, f) for f in fields):
        plan.outcomes.append(RowOutcome(line, gmc, "unchanged"))
    else:
        for f in fields:
            setattr(current, f, getattr(new, f))
        plan.updates.append(current)
        plan.outcomes.append(RowOutcome(line, gmc, "update"))


PLACEMENT_FIELDS = ["specialty_id", "grade_id", "kind", "end_date"]


def plan_placement_import(rows: list[dict[str, str]], *, region_id: int | None = None) -> Planned:
    trainees = _trainees(rows, region_id)
    trusts = dict(Trust.objects.values_list("ods_code", "pk"))
    grades = {c.upper(): pk for pk, c in Grade.objects.values_list("pk", "code")}
    specialties = {n.casefold(): pk for pk, n in Specialty.objects.values_list("pk", "name")}
    existing = {(p.trainee_id, p.trust_id, p.start_date): p
                for p in Placement.objects.filter(trainee__in=trainees.values())}
    plan, seen = ImportPlan([], [], []), {}
    for line, row in enumerate(rows, start=2):
        errors: list[str] = []
        gmc = row.get("gmc_number", "")
        trainee = trainees.get(gmc)
        if trainee is None:
            errors.append(f"No trainee with GMC number {gmc} in your records: import trainees first")
        trust = trusts.get(row.get("trust", "").upper())
        if trust is None:
            errors.append(f"Unknown trust code '{row.get('trust', '')}'")
        grade = grades.get(row.get("grade", "").upper())
        specialty = specialties.get(row.get("specialty", "").casefold())
        errors += [f"Unknown {label} '{row.get(label, '')}'" for label, v in
                   (("grade", grade), ("specialty", specialty)) if v is None]
        kind = row.get("kind", "").lower().replace(" ", "_") or Placement.Kind.CLINICAL
        if kind not in Placement.Kind.values:
            errors.append(f"Kind '{row.get('kind')}' must be clinical or out of programme")
        start = parse_date(row.get("start_date", ""), "Start date", errors)
        end = parse_date(row.get("end_date", ""), "End date", errors)
        if start and end and end <= start:
            errors.append("The end date is not after the start date")
        key = (gmc, row.get("trust", "").upper(), start)
        if key in seen:
            errors.append(f"The same placement appears again (first on line {seen[key]})")
        seen.setdefault(key, line)
        new = Placement(trainee=trainee, trust_id=trust, specialty_id=specialty, grade_id=grade,
                        kind=kind, start_date=start, end_date=end) if not errors else None
        current = existing.get((trainee.pk, trust, start)) if trainee and not errors else None
        _decide(plan, line, gmc, errors, current, new, PLACEMENT_FIELDS)
    return Planned(plan, Placement, PLACEMENT_FIELDS)


FELLOWSHIP_FIELDS = ["status", "host_organisation", "project_title", "completed_on"]


def plan_fellowship_import(rows: list[dict[str, str]], *, region_id: int | None = None) -> Planned:
    trainees = _trainees(rows, region_id)
    cohorts = {}
    for cohort in Cohort.objects.select_related("scheme"):
        for scheme_name in (cohort.scheme.short_name, cohort.scheme.name):
            cohorts[(scheme_name.casefold(), cohort.name.casefold())] = cohort
    existing = {(f.trainee_id, f.cohort_id): f
                for f in Fellowship.objects.filter(trainee__in=trainees.values())}
    plan, seen = ImportPlan([], [], []), {}
    for line, row in enumerate(rows, start=2):
        errors: list[str] = []
        gmc = row.get("gmc_number", "")
        trainee = trainees.get(gmc)
        if trainee is None:
            errors.append(f"No trainee with GMC number {gmc} in your records: import trainees first")
        cohort = cohorts.get((row.get("scheme", "").casefold(), row.get("cohort", "").casefold()))
        if cohort is None:
            errors.append(f"No cohort '{row.get('cohort', '')}' of scheme '{row.get('scheme', '')}'")
        status = row.get("status", "").lower()
        if status not in Fellowship.Status.values:
            errors.append(f"Status '{row.get('status', '')}' must be applied, active, completed or withdrawn")
        completed_on = (parse_date(row["completed_on"], "Completion date", errors)
                        if row.get("completed_on") else None)
        if status == Fellowship.Status.COMPLETED and not completed_on and not row.get("completed_on"):
            errors.append("A completed fellowship needs its completion date")
        key = (gmc, cohort.pk if cohort else None)
        if key in seen:
            errors.append(f"The same fellowship appears again (first on line {seen[key]})")
        seen.setdefault(key, line)
        new = Fellowship(trainee=trainee, cohort=cohort, status=status,
                         host_organisation=row.get("host_organisation", ""),
                         project_title=row.get("project_title", ""), completed_on=completed_on,
                         start_date=cohort.start_date, end_date=cohort.end_date) if not errors else None
        current = existing.get((trainee.pk, cohort.pk)) if not errors else None
        _decide(plan, line, gmc, errors, current, new, FELLOWSHIP_FIELDS)
    return Planned(plan, Fellowship, FELLOWSHIP_FIELDS)


@transaction.atomic
def commit_planned(planned: Planned) -> dict[str, int]:
    plan = planned.plan
    if plan.refused:
        raise ValidationError(f"{plan.refused} rows are refused: correct the file and check it again. "
                              "Nothing has been imported.")
    bulk_create_with_history(plan.creates, planned.model, batch_size=BATCH)
    if plan.updates:
        bulk_update_with_history(plan.updates, planned.model, planned.fields, batch_size=BATCH)
    return plan.counts()


KINDS = {
    "placements": (PLACEMENT_COLUMNS, plan_placement_import),
    "fellowships": (FELLOWSHIP_COLUMNS, plan_fellowship_import),
}


def plan_import(kind: str, filename: str, content: bytes, *, region_id: int | None = None,
                on_progress=None) -> Planned:
    """Read and plan a file of any kind (trainees, placements, fellowships)."""
    from trainees.imports import COLUMNS, FIELDS, plan_trainee_import

    if kind == "trainees":
        rows = read_rows(filename, content, COLUMNS)
        return Planned(plan_trainee_import(rows, region_id=region_id, on_progress=on_progress),
                       Trainee, FIELDS)
    columns, planner = KINDS[kind]
    return planner(read_rows(filename, content, columns), region_id=region_id)
