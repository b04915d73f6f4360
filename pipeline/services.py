"""Writes to vacancies and the pipeline. Matching jobs live in pipeline/matching/."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from pipeline.models import Interest, Match, Vacancy
from trainees.models import Trainee


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, by: User | None = None) -> Vacancy:
    """Open a draft to candidates; its matches are computed once this commits."""
    from pipeline.tasks import match_vacancy

    if vacancy.status != Vacancy.Status.DRAFT:
        status = vacancy.get_status_display().lower()
        raise ValidationError(f"Only a draft can be published; this role is {status}.")
    vacancy.status = Vacancy.Status.OPEN
    vacancy.published_at = timezone.now()
    vacancy.full_clean()
    vacancy.save(update_fields=["status", "published_at", "updated_at"])
    transaction.on_commit(lambda: match_vacancy.delay(vacancy.pk))
    return vacancy


# Statuses from which the trainee may say "I'm interested" (again).
CAN_EXPRESS = {None, Interest.Status.INVITED, Interest.Status.WITHDRAWN}
CAN_WITHDRAW = {Interest.Status.INVITED, Interest.Status.INTERESTED, Interest.Status.SHORTLISTED}


@transaction.atomic
def interest_express(*, trainee: Trainee, vacancy: Vacancy, note: str = "") -> Interest:
    """The trainee says they are interested: from now on the director may see who they are."""
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError("This role is no longer open to expressions of interest.")
    if not Match.objects.filter(trainee=trainee, vacancy=vacancy).exists():
        raise ValidationError("This role is not one of your matched opportunities.")
    interest = Interest.objects.select_for_update().filter(trainee=trainee, vacancy=vacancy).first()
    if interest and interest.status not in CAN_EXPRESS:
        status = interest.get_status_display().lower()
        raise ValidationError(f"You have already responded to this role ({status}).")
    interest = interest or Interest(trainee=trainee, vacancy=vacancy)
    interest.status = Interest.Status.INTERESTED
    interest.note = note.strip()
    interest.full_clean()
    interest.save()
    return interest


@transaction.atomic
def interest_withdraw(*, trainee: Trainee, vacancy: Vacancy) -> Interest:
    interest = Interest.objects.select_for_update().get(trainee=trainee, vacancy=vacancy)
    if interest.status not in CAN_WITHDRAW:
        status = interest.get_status_display().lower()
        raise ValidationError(f"This interest cannot be withdrawn now ({status}).")
    interest.status = Interest.Status.WITHDRAWN
    interest.save(update_fields=["status", "updated_at"])
    return interest
