"""Load reference data (JSON shipped beside each app) from data migrations.

Migrations call these with the historical models from `apps`, so they keep
working however the models change later. Loading is idempotent: rows are
matched on their natural key and updated.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read(app: str, name: str):
    return json.loads((ROOT / app / "reference" / name).read_text(encoding="utf-8"))


def load_regions(apps, schema_editor) -> None:
    Region = apps.get_model("pipeline", "Region")
    for row in read("pipeline", "regions.json"):
        Region.objects.update_or_create(code=row["code"], defaults=row)


def load_role_types(apps, schema_editor) -> None:
    RoleType = apps.get_model("pipeline", "LeadershipRoleType")
    for row in read("pipeline", "role_types.json"):
        RoleType.objects.update_or_create(code=row["code"], defaults=row)


def load_grades(apps, schema_editor) -> None:
    Grade = apps.get_model("trainees", "Grade")
    for row in read("trainees", "grades.json"):
        Grade.objects.update_or_create(code=row["code"], defaults=row)


def load_specialties(apps, schema_editor) -> None:
    Specialty = apps.get_model("trainees", "Specialty")
    for name in read("trainees", "specialties.json"):
        Specialty.objects.get_or_create(name=name)


def load_frameworks(apps, schema_editor) -> None:
    Framework = apps.get_model("trainees", "LeadershipFramework")
    Domain = apps.get_model("trainees", "FrameworkDomain")
    Element = apps.get_model("trainees", "FrameworkElement")
    for spec in read("trainees", "frameworks.json"):
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
    Region = apps.get_model("pipeline", "Region")
    for row in read("schemes", "schemes.json"):
        row = dict(row)
        region_code = row.pop("region_code")
        row["region"] = Region.objects.get(code=region_code) if region_code else None
        row["source"] = "Reform, 'An NHS leadership team for the future' (2015), Table 3"
        Scheme.objects.update_or_create(short_name=row["short_name"], defaults=row)
