"""What `trainees` holds about a trainee, registered for export and erasure
(core.personal_data), and the printable portfolio."""

from django.forms.models import model_to_dict

from core import personal_data
from trainees import selectors
from trainees.models import (
    EqualityMonitoring,
    Evidence,
    LeadershipRole,
    Placement,
    PortfolioView,
    Preferences,
    Project,
    Qualification,
    Trainee,
)
from trainees.portfolio import KINDS

HIDDEN = {"id", "trainee", "user", "password"}


def row(obj, **extra) -> dict:
    """A model row as readable data: its public id, its fields, and `extra` names."""
    data = {k: v for k, v in model_to_dict(obj).items() if k not in HIDDEN}
    return {"id": str(getattr(obj, "uuid", "")), **data, **extra}


def portfolio_context(trainee: Trainee) -> dict:
    return {
        "trainee": trainee,
        "coverage": selectors.mlcf_coverage(trainee=trainee),
        "sections": selectors.portfolio_sections(trainee=trainee),
        "fellowships": selectors.fellowships_of(trainee=trainee),
    }


def _record(trainee: Trainee) -> dict:
    return {
        "gmc_number": trainee.gmc_number, "first_name": trainee.first_name,
        "last_name": trainee.last_name, "email": trainee.email, "grade": trainee.grade.code,
        "specialty": trainee.specialty.name, "region": trainee.region.name,
        "current_trust": str(trainee.current_trust or ""),
        "expected_cct_date": trainee.expected_cct_date,
    }


def _placements(trainee: Trainee) -> list[dict]:
    return [row(p, trust=str(p.trust), grade=p.grade.code, specialty=p.specialty.name)
            for p in selectors.placements_of(trainee=trainee)]


def _portfolio_kind(slug: str):
    def export(trainee: Trainee) -> list[dict]:
        kind = KINDS[slug]
        return [row(item, **({"element": str(item.element)} if slug == "evidence" else {}))
                for item in selectors.portfolio_items(trainee=trainee, model=kind.model)]
    return export


def _erase_portfolio(trainee: Trainee) -> None:
    for model in (Evidence, Project, Qualification):
        model.objects.filter(trainee=trainee).delete()
    # Roles stay (without what identifies them) so destinations still count.
    LeadershipRole.objects.filter(trainee=trainee).update(description="", organisation="")
    for tracked in (Placement, Evidence, Project, Qualification, LeadershipRole, Preferences):
        tracked.history.filter(trainee_id=trainee.pk).delete()


def _preferences(trainee: Trainee) -> dict | None:
    preferences = Preferences.objects.filter(trainee=trainee).first()
    return None if preferences is None else {
        "regions": [r.name for r in preferences.regions.all()],
        "role_types": [r.name for r in preferences.role_types.all()],
        "sessions_per_week": preferences.sessions_per_week,
        "available_from": preferences.available_from,
        "discoverable": preferences.discoverable,
        "discoverable_consent_at": preferences.discoverable_consent_at,
    }


def _equality(trainee: Trainee) -> dict | None:
    equality = EqualityMonitoring.objects.filter(trainee=trainee).first()
    return None if equality is None else {
        "sex": equality.get_sex_display(), "ethnic_group": equality.get_ethnic_group_display(),
        "disability": equality.get_disability_display(),
    }


def _portfolio_views(trainee: Trainee) -> list[dict]:
    return [{"who": v.viewer_description, "where": v.where, "when": v.viewed_at}
            for v in PortfolioView.objects.filter(trainee=trainee)]


def register() -> None:
    personal_data.register("trainee", export=_record)
    personal_data.register("placements", export=_placements)
    for slug in KINDS:
        personal_data.register(slug, export=_portfolio_kind(slug))
    personal_data.register("portfolio", erase=_erase_portfolio)
    personal_data.register("preferences", export=_preferences,
                           erase=lambda t: Preferences.objects.filter(trainee=t).delete())
    personal_data.register("equality_monitoring", export=_equality)
    personal_data.register("portfolio_views", export=_portfolio_views,
                           erase=lambda t: PortfolioView.objects.filter(trainee=t).delete())
