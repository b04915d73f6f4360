"""Importing fellowships from CSV or XLSX, matched on (GMC number, cohort).

The trainee must already exist (import trainees first). Staff import only into their own
region's cohorts and national ones, as the schemes pages let them. Registered with
`imports.registry` in `SchemesConfig.ready`.
"""

from django.db.models import Q

from imports.checks import field_errors, shown
from imports.files import parse_date
from imports.plans import ImportPlan
from imports.registry import Importer
from schemes import rules
from schemes.models import Cohort, Fellowship
from trainees.imports import row_trainee, trainees_by_gmc

FELLOWSHIP_COLUMNS = ["gmc_number", "scheme", "cohort", "status", "host_organisation",
                      "project_title", "completed_on"]
FELLOWSHIP_FIELDS = ["status", "host_organisation", "project_title", "completed_on"]


def _cohorts() -> dict[tuple[str, str], Cohort]:
    """Every cohort by (scheme's short name or name, cohort name), casefolded."""
    cohorts: dict[tuple[str, str], Cohort] = {}
    for known in Cohort.objects.select_related("scheme").prefetch_related("scheme__eligible_grades",
                                                                           "scheme__regions"):
        for scheme_name in (known.scheme.short_name, known.scheme.name):
            cohorts[(scheme_name.casefold(), known.name.casefold())] = known
    return cohorts


def _row_cohort(row: dict[str, str], cohorts: dict, region_id: int | None,
                errors: list[str]) -> Cohort | None:
    """The cohort the row names, if it is one the staff member may import into."""
    scheme, name = row.get("scheme", ""), row.get("cohort", "")
    cohort = cohorts.get((scheme.casefold(), name.casefold()))
    if cohort is None:
        errors.append(f"No cohort '{shown(name)}' of scheme '{shown(scheme)}'")
    elif region_id is not None and cohort.region_id not in (None, region_id):
        errors.append(f"The cohort '{shown(name)}' of scheme '{shown(scheme)}' is another region's")
        return None
    return cohort


def _row_values(row: dict[str, str], errors: list[str]) -> dict:
    """The row's own fellowship fields, checked as the database will."""
    status = row.get("status", "").lower()
    if status not in Fellowship.Status.values:
        errors.append(f"Status '{shown(row.get('status', ''))}' must be one of: "
                      + ", ".join(Fellowship.Status.values))
    completed_on = (parse_date(row["completed_on"], "Completion date", errors)
                    if row.get("completed_on") else None)
    if status == Fellowship.Status.COMPLETED and not row.get("completed_on"):
        errors.append("A completed fellowship needs its completion date")
    values = {"host_organisation": row.get("host_organisation", ""),
              "project_title": row.get("project_title", "")}
    errors += field_errors(Fellowship, values)
    return {"status": status, "completed_on": completed_on, **values}


def plan_fellowship_import(rows: list[dict[str, str]], *, region_id: int | None = None,
                           on_progress=None) -> ImportPlan:
    trainees = trainees_by_gmc(rows, region_id)
    cohorts = _cohorts()
    existing = {(f.trainee_id, f.cohort_id): f
                for f in Fellowship.objects.filter(trainee__in=trainees.values())}
    plan = ImportPlan(Fellowship, FELLOWSHIP_FIELDS)
    seen: dict[tuple[str, int | None], int] = {}
    for line, row in enumerate(rows, start=2):
        errors: list[str] = []
        gmc, trainee = row_trainee(row, trainees, errors)
        cohort = _row_cohort(row, cohorts, region_id, errors)
        values = _row_values(row, errors)
        key = (gmc, cohort.pk if cohort else None)
        if cohort and key in seen:  # rows naming no cohort are refused for that alone
            errors.append(f"The same fellowship appears again (first on line {seen[key]})")
        seen.setdefault(key, line)
        if cohort and (not_started := rules.not_started_error(cohort.start_date, values["status"])):
            errors.append(not_started)
        new = current = None
        if not errors:  # then the trainee and the cohort were both found
            assert trainee is not None and cohort is not None
            new = Fellowship(trainee=trainee, cohort=cohort, start_date=cohort.start_date,
                             end_date=cohort.end_date, **values)
            current = existing.get((trainee.pk, cohort.pk))
            if current is None and (refused := _ineligible(cohort, trainee, values["status"])):
                errors.append(refused)
                new = None
        plan.decide(line=line, gmc=gmc, errors=errors, current=current, new=new)
    return plan


def _ineligible(cohort: Cohort, trainee, status: str) -> str | None:
    """A new applicant the scheme's eligibility says no to. A past fellowship (active or
    completed) is a record of what happened, not an enrolment: it is not checked."""
    if status != Fellowship.Status.APPLIED:
        return None
    errors = rules.eligibility_errors(cohort.scheme, trainee, ends_on=cohort.end_date)
    if not errors:
        return None
    return ". ".join(errors) + ". Enrol them on the cohort's page to record why they should join anyway"


def fellowship_coded_columns(region_id: int | None) -> dict[str, list[str]]:
    """The statuses, and the cohorts a staff member may import into (their region's and
    national ones) as "scheme: cohort"."""
    cohorts = Cohort.objects.select_related("scheme").order_by("scheme__short_name", "-intake_year", "name")
    if region_id is not None:
        cohorts = cohorts.filter(Q(region_id=region_id) | Q(region__isnull=True))
    return {"status": list(Fellowship.Status.values),
            "scheme and cohort": [f"{c.scheme.short_name}: {c.name}" for c in cohorts]}


FELLOWSHIPS = Importer(kind="fellowships", label="Fellowships", columns=FELLOWSHIP_COLUMNS,
                       plan=plan_fellowship_import, order=3, accepted=fellowship_coded_columns)
