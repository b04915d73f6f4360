"""Cohorts and fellowships each role may read, and the trainees a national scheme lead may
open: the fellows and alumni of the schemes they lead, in every region (the relation that
gives them lives here)."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Role, User
from accounts.scoping import everything, rule, visible
from schemes.models import Cohort, Fellowship, Scheme
from trainees.models import Trainee
from trainees.scopes import trainees_for

rule(Cohort, Role.ADMINISTRATOR)(everything)


@rule(Cohort, Role.DEANERY_STAFF)
def _region_and_national_cohorts(user: User, cohorts: QuerySet) -> QuerySet:
    return cohorts.filter(Q(region_id=user.region_id) | Q(region__isnull=True))


@rule(Cohort, Role.SCHEME_LEAD)
def _led_cohorts(user: User, cohorts: QuerySet) -> QuerySet:
    return cohorts.filter(scheme__in=schemes_led_by(user))


def cohorts_visible_to(user: User) -> QuerySet[Cohort]:
    """Cohorts: staff see their region's and national ones (as on the schemes pages)."""
    return visible(user, Cohort.objects.select_related("scheme", "region"))


def schemes_led_by(user: User) -> QuerySet[Scheme]:
    """The schemes a national lead runs (none for anyone else)."""
    if not user.is_authenticated or user.role != Role.SCHEME_LEAD:
        return Scheme.objects.none()
    return Scheme.objects.filter(leads=user).order_by("name")


@rule(Trainee, Role.SCHEME_LEAD)
def _fellows_of_led_schemes(user: User, trainees: QuerySet) -> QuerySet:
    # Exists, not a join: a fellow of two cohorts is one row, with no DISTINCT.
    led = Fellowship.objects.filter(trainee=OuterRef("pk"), cohort__scheme__in=schemes_led_by(user))
    return trainees.filter(Exists(led))


def _of_visible_trainees(user: User, fellowships: QuerySet) -> QuerySet:
    return fellowships.filter(trainee__in=trainees_for(user))


rule(Fellowship, *(role for role in Role.values if role != Role.SCHEME_LEAD))(_of_visible_trainees)


@rule(Fellowship, Role.SCHEME_LEAD)
def _led_fellowships(user: User, fellowships: QuerySet) -> QuerySet:
    """A lead sees their schemes' fellowships, not the other schemes their fellows joined."""
    return fellowships.filter(cohort__scheme__in=schemes_led_by(user))


def fellowships_for(user: User) -> QuerySet[Fellowship]:
    """Fellowships of the trainees the viewer may open; staff see their region's only."""
    return visible(user, Fellowship.objects.select_related("trainee", "cohort__scheme"))
