"""Writes to cohorts and fellowships: statuses move only along legal transitions."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.rules import refuse
from reference.models import Region
from schemes import rules
from schemes.events import fellowship_completed
from schemes.models import Cohort, Fellowship, Scheme
from trainees.models import Trainee


@transaction.atomic
def cohort_create(*, scheme: Scheme, region: Region | None, name: str, intake_year: int,
                  start_date: date, end_date: date) -> Cohort:
    cohort = Cohort(scheme=scheme, region=region, name=name, intake_year=intake_year,
                    start_date=start_date, end_date=end_date)
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def fellowship_enrol(*, cohort: Cohort, trainee: Trainee, by: User, host_organisation: str = "",
                     project_title: str = "") -> Fellowship:
    """Enrol a trainee in a cohort (applied); the dates are the cohort's."""
    if Fellowship.objects.filter(cohort=cohort, trainee=trainee).exists():
        raise ValidationError(f"{trainee.full_name} is already in this cohort")
    fellowship = Fellowship(trainee=trainee, cohort=cohort, status=Fellowship.Status.APPLIED,
                            host_organisation=host_organisation, project_title=project_title,
                            start_date=cohort.start_date, end_date=cohort.end_date)
    fellowship.full_clean()
    fellowship.save()
    return fellowship


@transaction.atomic
def fellowship_move(*, fellowship: Fellowship, to: str, on: date | None = None) -> Fellowship:
    """Activate, complete or withdraw; anything else is refused with the reason."""
    fellowship = Fellowship.objects.select_for_update().get(pk=fellowship.pk)
    refuse(rules.move_error(fellowship, to))
    fellowship.status = to
    if to == Fellowship.Status.COMPLETED:
        fellowship.completed_on = on or timezone.localdate()
    fellowship.full_clean()
    fellowship.save()
    if to == Fellowship.Status.COMPLETED:
        fellowship_completed.send(fellowship=fellowship)  # a new alumnus gets a status at once
    return fellowship
