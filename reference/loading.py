"""Load reference data (JSON in `reference/data/`) from data migrations.

Migrations call these with the historical models from `apps`, so they keep
working however the models change later. Loading is idempotent: rows are
matched on their natural key and updated.
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# Regions, trusts, grades and the frameworks lived in `pipeline` and `trainees` until they
# moved here (reference 0001); the early data migrations run against that older state.
HISTORICAL_APPS = ("reference", "pipeline", "trainees")


def read(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def model(apps, name: str):
    """The historical model called `name`, in whichever app held it at that migration."""
    for label in HISTORICAL_APPS:
        try:
            return apps.get_model(label, name)
        except LookupError:
            continue
    raise LookupError(name)


def load_regions(apps, schema_editor) -> None:
    Region = model(apps, "Region")
    for row in read("regions.json"):
        Region.objects.update_or_create(code=row["code"], defaults=row)


def load_role_types(apps, schema_editor) -> None:
    RoleType = model(apps, "LeadershipRoleType")
    for row in read("role_types.json"):
        RoleType.objects.update_or_create(code=row["code"], defaults=row)


def load_grades(apps, schema_editor) -> None:
    Grade = model(apps, "Grade")
    for row in read("grades.json"):
        Grade.objects.update_or_create(code=row["code"], defaults=row)


def load_specialties(apps, schema_editor) -> None:
    Specialty = model(apps, "Specialty")
    for name in read("specialties.json"):
        Specialty.objects.get_or_create(name=name)


def load_frameworks(apps, schema_editor) -> None:
    Framework = model(apps, "LeadershipFramework")
    Domain = model(apps, "FrameworkDomain")
    Element = model(apps, "FrameworkElement")
    for spec in read("frameworks.json"):
        framework, _ = Framework.objects.update_or_create(
            code=spec["code"],
            defaults={k: spec[k] for k in ("name", "publisher", "year")},
        )
        for d_number, domain_spec in enumerate(spec.get("domains", []), start=1):
            domain, _ = Domain.objects.update_or_create(
                framework=framework, number=d_number, defaults={"name": domain_spec["name"]}
            )
            for e_number, name in enumerate(domain_spec["elements"], start=1):
                Element.objects.update_or_create(
                    framework=framework, domain=domain, number=e_number, defaults={"name": name}
                )
        # HLM dimensions are elements without a domain.
        for e_number, name in enumerate(spec.get("dimensions", []), start=1):
            Element.objects.update_or_create(
                framework=framework, domain=None, number=e_number, defaults={"name": name}
            )


def load_schemes(apps, schema_editor) -> None:
    Scheme = apps.get_model("schemes", "Scheme")
    Region = Scheme._meta.get_field("region").related_model  # wherever Region lived then
    for row in read("schemes.json"):
        row = dict(row)
        region_code = row.pop("region_code")
        row["region"] = Region.objects.get(code=region_code) if region_code else None
        row["source"] = "Reform, 'An NHS leadership team for the future' (2015), Table 3"
        Scheme.objects.update_or_create(short_name=row["short_name"], defaults=row)


def load_scheme_facts(apps, schema_editor) -> None:
    """The facts added to schemes later (kind, organiser, eligibility, regions), kept in
    their own file so the first schemes migration still loads the columns it knew."""
    Scheme = apps.get_model("schemes", "Scheme")
    Grade = Scheme._meta.get_field("eligible_grades").related_model
    Region = Scheme._meta.get_field("regions").related_model
    for row in read("scheme_facts.json"):
        row = dict(row)
        grades, regions = row.pop("eligible_grades"), row.pop("regions")
        scheme = Scheme.objects.get(short_name=row.pop("short_name"))
        for field, value in row.items():
            setattr(scheme, field, value)
        scheme.save()
        scheme.eligible_grades.set(Grade.objects.filter(code__in=grades))
        scheme.regions.set(Region.objects.filter(code__in=regions))
