"""Writes to a trainee's record, portfolio and preferences."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.limits import fit
from trainees.events import consent_withdrawn, matching_inputs_changed
from trainees.models import (
    EqualityMonitoring,
    Evidence,
    LeadershipRole,
    PortfolioView,
    Preferences,
    Project,
    Qualification,
    Trainee,
)
from trainees.portfolio import PortfolioKind
from trainees.selectors import portfolio_sections

PortfolioItem = Evidence | Project | Qualification | LeadershipRole


@transaction.atomic
def trainee_portfolio_changed(*, trainee: Trainee) -> None:
    """Record that the portfolio changed (stewardship reads it); the pipeline rematches."""
    trainee.portfolio_updated_at = timezone.now()
    trainee.save(update_fields=["portfolio_updated_at", "updated_at"])
    matching_inputs_changed.send(trainee=trainee)


@transaction.atomic
def preferences_give_consent(*, trainee: Trainee) -> Preferences:
    """The trainee agrees that trust medical directors may find them."""
    preferences, _ = Preferences.objects.get_or_create(trainee=trainee)
    if not preferences.discoverable:
        preferences.discoverable = True
        preferences.discoverable_consent_at = timezone.now()
        preferences.full_clean()
        preferences.save(update_fields=["discoverable", "discoverable_consent_at", "updated_at"])
        matching_inputs_changed.send(trainee=trainee)
    return preferences


@transaction.atomic
def preferences_withdraw_consent(*, trainee: Trainee) -> Preferences:
    """Withdrawal hides the trainee from every director at once: matches go now."""
    preferences, _ = Preferences.objects.get_or_create(trainee=trainee)
    preferences.discoverable = False
    preferences.discoverable_consent_at = None
    preferences.save(update_fields=["discoverable", "discoverable_consent_at", "updated_at"])
    consent_withdrawn.send(trainee=trainee)
    return preferences


@transaction.atomic
def portfolio_item_save(*, trainee: Trainee, item: PortfolioItem) -> PortfolioItem:
    """Add or change an item of the trainee's own portfolio."""
    item.trainee = trainee
    item.full_clean()
    item.save()
    trainee_portfolio_changed(trainee=trainee)
    return item


@transaction.atomic
def portfolio_item_delete(*, trainee: Trainee, item: PortfolioItem) -> None:
    if item.trainee_id != trainee.pk:
        raise PermissionError("A trainee can only remove their own portfolio items")
    item.delete()
    trainee_portfolio_changed(trainee=trainee)


@transaction.atomic
def preferences_update(*, trainee: Trainee, regions, role_types, sessions_per_week: int,
                       available_from, discoverable: bool, weekly_roles_email: bool = True) -> Preferences:
    """Save what the trainee wants; consent given or withdrawn takes effect at once."""
    preferences, _ = Preferences.objects.get_or_create(trainee=trainee)
    preferences.sessions_per_week = sessions_per_week
    preferences.available_from = available_from
    preferences.weekly_roles_email = weekly_roles_email
    preferences.full_clean(exclude=["discoverable", "discoverable_consent_at"])
    preferences.save()
    preferences.regions.set(regions)
    preferences.role_types.set(role_types)
    if discoverable:
        preferences_give_consent(trainee=trainee)
    elif preferences.discoverable:
        preferences_withdraw_consent(trainee=trainee)
    matching_inputs_changed.send(trainee=trainee)
    preferences.refresh_from_db()
    return preferences


def portfolio_view_record(*, trainee: Trainee, viewer, where: str) -> None:
    """Log that someone other than the trainee opened their portfolio.

    `where` often holds a role's or a round's title, which can be long: the log keeps as
    much as its column holds rather than failing the page."""
    if trainee.user_id == viewer.pk:
        return
    organisation = (viewer.trust.name if viewer.trust_id else viewer.region.name if viewer.region_id
                    else "")
    description = f"{viewer.get_full_name()}, {viewer.get_role_display()}" + (
        f", {organisation}" if organisation else "")
    PortfolioView.objects.create(trainee=trainee, viewer=viewer,
                                 viewer_description=fit(description, PortfolioView, "viewer_description"),
                                 where=fit(where, PortfolioView, "where"))


def portfolio_read(*, trainee: Trainee, viewer, where: str) -> list[tuple[PortfolioKind, QuerySet]]:
    """The trainee's portfolio as someone else reads it: each section, and the view logged
    for the trainee to see (the one way another person opens a portfolio)."""
    portfolio_view_record(trainee=trainee, viewer=viewer, where=where)
    return portfolio_sections(trainee=trainee)



@transaction.atomic
def equality_answers_update(*, trainee: Trainee, sex: str, ethnic_group: str, disability: str):
    """The trainee's own equality monitoring answers; no one else may change them."""
    answers, _ = EqualityMonitoring.objects.get_or_create(trainee=trainee)
    answers.sex, answers.ethnic_group, answers.disability = sex, ethnic_group, disability
    answers.full_clean()
    answers.save()
    return answers


@transaction.atomic
def leadership_interest_set(*, trainee: Trainee, interested: bool) -> Trainee:
    """The trainee says whether they are interested in leadership (the funnel's first stage)."""
    trainee.leadership_interest = interested
    trainee.save(update_fields=["leadership_interest"])
    return trainee
