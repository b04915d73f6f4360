"""Writes to a trainee's record, portfolio and preferences."""

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone

from pipeline.matching.services import remove_trainee_matches
from trainees.models import Preferences, Trainee

PortfolioItem = models.Model  # Evidence, Project, Qualification or LeadershipRole


def trainee_request_rematch(*, trainee: Trainee) -> bool:
    """Queue one rematch for a burst of changes (after commit); True if one was queued.

    The first change in a window of MATCH_REMATCH_DELAY_SECONDS queues a rematch to
    run at the end of the window; changes during the window ride along with it.
    """
    from pipeline.tasks import rematch_pending_key, rematch_trainee

    delay = settings.MATCH_REMATCH_DELAY_SECONDS
    if not cache.add(rematch_pending_key(trainee.pk), 1, timeout=delay + 60):
        return False
    transaction.on_commit(lambda: rematch_trainee.apply_async((trainee.pk,), countdown=delay))
    return True


@transaction.atomic
def trainee_portfolio_changed(*, trainee: Trainee) -> None:
    """Record that the portfolio changed (stewardship reads it) and rematch."""
    trainee.portfolio_updated_at = timezone.now()
    trainee.save(update_fields=["portfolio_updated_at", "updated_at"])
    trainee_request_rematch(trainee=trainee)


@transaction.atomic
def preferences_give_consent(*, trainee: Trainee) -> Preferences:
    """The trainee agrees that trust medical directors may find them."""
    preferences, _ = Preferences.objects.get_or_create(trainee=trainee)
    if not preferences.discoverable:
        preferences.discoverable = True
        preferences.discoverable_consent_at = timezone.now()
        preferences.full_clean()
        preferences.save(update_fields=["discoverable", "discoverable_consent_at", "updated_at"])
        trainee_request_rematch(trainee=trainee)
    return preferences


@transaction.atomic
def preferences_withdraw_consent(*, trainee: Trainee) -> Preferences:
    """Withdrawal hides the trainee from every director at once: matches go now."""
    preferences, _ = Preferences.objects.get_or_create(trainee=trainee)
    preferences.discoverable = False
    preferences.discoverable_consent_at = None
    preferences.save(update_fields=["discoverable", "discoverable_consent_at", "updated_at"])
    remove_trainee_matches(trainee_id=trainee.pk)
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
                       available_from, discoverable: bool) -> Preferences:
    """Save what the trainee wants; consent given or withdrawn takes effect at once."""
    preferences, _ = Preferences.objects.get_or_create(trainee=trainee)
    preferences.sessions_per_week = sessions_per_week
    preferences.available_from = available_from
    preferences.full_clean(exclude=["discoverable", "discoverable_consent_at"])
    preferences.save()
    preferences.regions.set(regions)
    preferences.role_types.set(role_types)
    if discoverable:
        preferences_give_consent(trainee=trainee)
    elif preferences.discoverable:
        preferences_withdraw_consent(trainee=trainee)
    trainee_request_rematch(trainee=trainee)
    preferences.refresh_from_db()
    return preferences


def portfolio_view_record(*, trainee: Trainee, viewer, where: str) -> None:
    """Log that someone other than the trainee opened their portfolio."""
    from trainees.models import PortfolioView

    if trainee.user_id == viewer.pk:
        return
    organisation = (viewer.trust.name if viewer.trust_id else viewer.region.name if viewer.region_id
                    else "")
    description = f"{viewer.get_full_name()}, {viewer.get_role_display()}" + (
        f", {organisation}" if organisation else "")
    PortfolioView.objects.create(trainee=trainee, viewer=viewer, viewer_description=description,
                                 where=where)


@transaction.atomic
def equality_answers_update(*, trainee: Trainee, sex: str, ethnic_group: str, disability: str):
    """The trainee's own equality monitoring answers; no one else may change them."""
    from trainees.models import EqualityMonitoring

    answers, _ = EqualityMonitoring.objects.get_or_create(trainee=trainee)
    answers.sex, answers.ethnic_group, answers.disability = sex, ethnic_group, disability
    answers.full_clean()
    answers.save()
    return answers
