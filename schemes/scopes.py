"""Cohorts and fellowships each role may read."""

from django.db.models import Q, QuerySet

from accounts.models import Role, User
from accounts.scoping import everything, rule, visible
from schemes.models import Cohort, Fellowship
from trainees.scopes import trainees_for

rule(Cohort, Role.ADMINISTRATOR)(everything)


@rule(Cohort, Role.DEANERY_STAFF)
def _region_and_national_cohorts(user: User, cohorts: QuerySet) -> QuerySet:
    return cohorts.filter(Q(region_id=user.region_id) | Q(region__isnull=True))


def cohorts_visible_to(user: User) -> QuerySet[Cohort]:
    """Cohorts: staff see their region's and national ones (as on the schemes pages)."""
    return visible(user, Cohort.objects.select_related("scheme", "region"))


def _of_visible_trainees(user: User, fellowships: QuerySet) -> QuerySet:
    return fellowships.filter(trainee__in=trainees_for(user))


rule(Fellowship, *Role.values)(_of_visible_trainees)


def fellowships_for(user: User) -> QuerySet[Fellowship]:
    """Fellowships of the trainees the viewer may open; staff see their region's only."""
    return visible(user, Fellowship.objects.select_related("trainee", "cohort__scheme"))
