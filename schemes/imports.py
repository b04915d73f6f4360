"""Importing fellowships from CSV or XLSX, matched on (GMC number, cohort).

The trainee must already exist (import trainees first). Registered with
`imports.registry` in `SchemesConfig.ready`.
"""

from imports.files import parse_date
from imports.plans import ImportPlan
from imports.registry import Importer
from schemes.models import Cohort, Fellowship
from trainees.imports import row_trainee, trainees_by_gmc

FELLOWSHIP_COLUMNS = ["gmc_number", "scheme", "cohort", "status", "host_organisation",
                      "project_title", "completed_on"]
FELLOWSHIP_FIELDS = ["status", "host_organisation", "project_title", "completed_on"]


def plan_fellowship_import(rows: list[dict[str, str]], *, region_id: int | None = None,
                           on_progress=None) -> ImportPlan:
    trainees = trainees_by_gmc(rows, region_id)
    cohorts: dict[tuple[str, str], Cohort] = {}
    for known in Cohort.objects.select_related("scheme"):
        for scheme_name in (known.scheme.short_name, known.scheme.name):
            cohorts[(scheme_name.casefold(), known.name.casefold())] = known
    existing = {(f.trainee_id, f.cohort_id): f
                for f in Fellowship.objects.filter(trainee__in=trainees.values())}
    plan = ImportPlan(Fellowship, FELLOWSHIP_FIELDS)
    seen: dict[tuple[str, int | None], int] = {}
    for line, row in enumerate(rows, start=2):
        errors: list[str] = []
        gmc, trainee = row_trainee(row, trainees, errors)
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
        new = current = None
        if not errors:  # then the trainee and the cohort were both found
            assert trainee is not None and cohort is not None
            new = Fellowship(trainee=trainee, cohort=cohort, status=status,
                             host_organisation=row.get("host_organisation", ""),
                             project_title=row.get("project_title", ""), completed_on=completed_on,
                             start_date=cohort.start_date, end_date=cohort.end_date)
            current = existing.get((trainee.pk, cohort.pk))
        plan.decide(line=line, gmc=gmc, errors=errors, current=current, new=new)
    return plan


FELLOWSHIPS = Importer(kind="fellowships", label="Fellowships", columns=FELLOWSHIP_COLUMNS,
                       plan=plan_fellowship_import, order=3)
