"""Writes to cohorts and fellowships: statuses move only along legal transitions."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.audit import changes_by
from core.rules import refuse
from reference.models import Region
from schemes import rules
from schemes.events import fellowship_completed
from schemes.models import Cohort, Fellowship, Scheme, SchemeInterest
from trainees.models import Trainee

INELIGIBLE = "ineligible"  # the code of the refusal that an override reason answers


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
                     project_title: str = "", override_reason: str = "") -> Fellowship:
    """Enrol a trainee in a cohort (applied); the dates are the cohort's.

    A trainee the scheme's eligibility says no to is enrolled only with a reason, kept
    with who gave it (`eligibility_override_by`)."""
    if Fellowship.objects.filter(cohort=cohort, trainee=trainee).exists():
        raise ValidationError(f"{trainee.full_name} is already in this cohort")
    ineligible = rules.eligibility_errors(cohort.scheme, trainee, ends_on=cohort.end_date)
    override_reason = override_reason.strip()
    if ineligible and not override_reason:
        raise ValidationError(f"{trainee.full_name} is not eligible. " + ". ".join(ineligible)
                              + ". To enrol them anyway, say why", code=INELIGIBLE)
    fellowship = Fellowship(trainee=trainee, cohort=cohort, status=Fellowship.Status.APPLIED,
                            host_organisation=host_organisation, project_title=project_title,
                            start_date=cohort.start_date, end_date=cohort.end_date)
    if ineligible:
        fellowship.eligibility_override_by = by
        fellowship.eligibility_override_reason = override_reason
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


@transaction.atomic
def scheme_interest_set(*, trainee: Trainee, scheme: Scheme, interested: bool) -> None:
    """A trainee says they are interested in a scheme, or no longer. Saying it also says
    they are interested in leadership: the funnel's first stage."""
    if not interested:
        SchemeInterest.objects.filter(trainee=trainee, scheme=scheme).delete()
        return
    SchemeInterest.objects.get_or_create(trainee=trainee, scheme=scheme)
    if not trainee.leadership_interest:
        trainee.leadership_interest = True
        trainee.save(update_fields=["leadership_interest"])


@transaction.atomic
def scheme_facts_save(*, scheme: Scheme, eligible_grades, regions, by: User) -> Scheme:
    """Save a scheme's corrected facts (a bound form's instance) and its grades and regions;
    the history row names `by` and holds the grades and regions as saved (they are set
    first: the history copies them when the scheme is saved)."""
    scheme.full_clean()
    if problem := rules.regions_change_error(by, scheme, regions):
        raise ValidationError({"regions": problem})
    with changes_by(by):
        scheme.eligible_grades.set(eligible_grades)
        scheme.regions.set(regions)
        scheme.save()
    return scheme
