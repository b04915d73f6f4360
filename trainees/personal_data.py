"""What `trainees` holds about a person, registered for export and erasure
(core.personal_data), and the printable portfolio.

A person's training record is one of the things their account may have: each part here is
found through it (`trainee_part`). What stays after erasure, for counts, is generalised:

- the record keeps its region, grade, specialty and leadership interest (every report counts
  by them), and loses names, email, GMC number, current trust and expected CCT date;
- leadership roles keep their kind and dates (destinations and time to a first role are
  counted from them): the title becomes the kind of role, organisation, trust and
  description go; every other portfolio item, the showcase story, placement, preference and equality answer is
  deleted; the audit history of all of them is purged.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.forms.models import model_to_dict

from accounts.erasure import former_name
from core import personal_data
from trainees import selectors
from trainees.erasure import trainee_record_erase
from trainees.models import (
    EqualityMonitoring,
    LeadershipRole,
    Placement,
    PortfolioView,
    Preferences,
    Story,
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
        "hlm_coverage": selectors.hlm_coverage(trainee=trainee),
        "sections": selectors.portfolio_sections(trainee=trainee),
        "fellowships": selectors.fellowships_of(trainee=trainee),
    }


def trainee_of_account(user) -> Trainee | None:
    """The account's training record, if it has one."""
    return (Trainee.objects.filter(user=user).select_related("grade", "specialty", "region", "current_trust")
            .first() if user is not None else None)


def trainee_part(export: Callable[[Trainee], Any], erase: Callable[[Trainee], object],
                 empty: Callable[[], Any] = list) -> tuple[personal_data.Export, personal_data.Erase]:
    """A holding's export and erase over the account's training record (apps above use it
    for what they hold about a trainee): `empty()` is exported when there is none."""

    def exported(user) -> Any:
        trainee = trainee_of_account(user)
        return empty() if trainee is None else export(trainee)

    def erased(person: personal_data.Person) -> None:
        trainee = trainee_of_account(person.user)
        if trainee is not None:
            erase(trainee)

    return exported, erased


def _record(trainee: Trainee) -> dict:
    return {
        "gmc_number": trainee.gmc_number, "first_name": trainee.first_name,
        "last_name": trainee.last_name, "email": trainee.email, "grade": trainee.grade.code,
        "specialty": trainee.specialty.name, "region": trainee.region.name,
        "current_trust": str(trainee.current_trust or ""),
        "expected_cct_date": trainee.expected_cct_date,
        "leadership_interest": trainee.leadership_interest,
    }


def _identify(user) -> list[str]:
    trainee = trainee_of_account(user)
    return [] if trainee is None else [trainee.full_name, trainee.email, trainee.gmc_number]


def _placements(trainee: Trainee) -> list[dict]:
    return [row(p, trust=str(p.trust), grade=p.grade.code, specialty=p.specialty.name)
            for p in selectors.placements_of(trainee=trainee)]


def _deleted(model) -> Callable[[Trainee], None]:
    def erase(trainee: Trainee) -> None:
        model.objects.filter(trainee=trainee).delete()
        personal_data.purge_history(model, trainee_id=trainee.pk)
    return erase


def _portfolio_kind(slug: str):
    def export(trainee: Trainee) -> list[dict]:
        kind = KINDS[slug]
        return [row(item, **({"element": str(item.element)} if slug == "evidence" else {}))
                for item in selectors.portfolio_items(trainee=trainee, model=kind.model)]
    return export


def _generalise_roles(trainee: Trainee) -> None:
    """Roles stay (for destinations and time to a first role) as their kind of role only."""
    for role in LeadershipRole.objects.filter(trainee=trainee).select_related("role_type"):
        LeadershipRole.objects.filter(pk=role.pk).update(
            title=role.role_type.name if role.role_type else "Leadership role",
            organisation="", description="", trust=None)
    personal_data.purge_history(LeadershipRole, trainee_id=trainee.pk)


def _preferences(trainee: Trainee) -> dict | None:
    preferences = Preferences.objects.filter(trainee=trainee).first()
    return None if preferences is None else {
        "regions": [r.name for r in preferences.regions.all()],
        "role_types": [r.name for r in preferences.role_types.all()],
        "sessions_per_week": preferences.sessions_per_week,
        "available_from": preferences.available_from,
        "discoverable": preferences.discoverable,
        "discoverable_consent_at": preferences.discoverable_consent_at,
        "weekly_roles_email": preferences.weekly_roles_email,
    }


def _equality(trainee: Trainee) -> dict | None:
    equality = EqualityMonitoring.objects.filter(trainee=trainee).first()
    return None if equality is None else {
        "sex": equality.get_sex_display(), "ethnic_group": equality.get_ethnic_group_display(),
        "disability": equality.get_disability_display(),
    }


def _story(trainee: Trainee) -> dict | None:
    story = Story.objects.filter(trainee=trainee).select_related("trust").first()
    return None if story is None else {
        **row(story, trust=str(story.trust or ""), fellowship=str(story.fellowship or ""),
              projects=[p.title for p in story.projects.all()], status=story.get_status_display())}


def _portfolio_views(trainee: Trainee) -> list[dict]:
    return [{"who": v.viewer_description, "where": v.where, "when": v.viewed_at}
            for v in PortfolioView.objects.filter(trainee=trainee)]


def _portfolios_viewed(user) -> list[dict]:
    return [{"whose": v.trainee.full_name, "where": v.where, "when": v.viewed_at}
            for v in PortfolioView.objects.filter(viewer=user).select_related("trainee")]


def _erase_views_by(person: personal_data.Person) -> None:
    # The trainee still sees that their portfolio was read, by no one in particular.
    PortfolioView.objects.filter(viewer=person.user).update(
        viewer=None, viewer_description=former_name(person.user.role))


def _remove_old_views(cutoff: datetime) -> int:
    return PortfolioView.objects.filter(viewed_at__lt=cutoff).delete()[0]


PORTFOLIO_VIEWS_KEPT = timedelta(days=2 * 365)


def register() -> None:
    # The record is registered first, so it is erased after every other part.
    export, erase = trainee_part(_record, trainee_record_erase, empty=dict)
    personal_data.register("trainee", models=[Trainee], export=export, erase=erase, identify=_identify)
    export, erase = trainee_part(_placements, _deleted(Placement))
    personal_data.register("placements", models=[Placement], export=export, erase=erase)
    for slug, kind in KINDS.items():
        erasing = _generalise_roles if kind.model is LeadershipRole else _deleted(kind.model)
        export, erase = trainee_part(_portfolio_kind(slug), erasing)
        personal_data.register(slug, models=[kind.model], export=export, erase=erase)
    for name, model, exporting in (("preferences", Preferences, _preferences),
                                   ("equality_monitoring", EqualityMonitoring, _equality)):
        export, erase = trainee_part(exporting, _deleted(model), empty=dict)
        personal_data.register(name, models=[model], export=export, erase=erase)
    # The story goes with the account: off the showcase, and out of the audit history.
    export, erase = trainee_part(_story, _deleted(Story), empty=dict)
    personal_data.register("showcase_story", models=[Story], export=export, erase=erase)
    export, erase = trainee_part(_portfolio_views, _deleted(PortfolioView))
    personal_data.register("portfolio_views", models=[PortfolioView], export=export, erase=erase)
    personal_data.register("portfolios_you_viewed", models=[PortfolioView], export=_portfolios_viewed,
                           erase=_erase_views_by)
    personal_data.retain("portfolio-view logs", kept_for=PORTFOLIO_VIEWS_KEPT, apply=_remove_old_views)
