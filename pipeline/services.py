"""Writes to vacancies and the pipeline. Matching jobs live in pipeline/matching/."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from pipeline.models import Vacancy


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
