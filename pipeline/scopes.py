"""Roles, matches and interest each viewer may read, and the candidates a director may
open: only those who have said they are interested in one of the trust's roles."""

from django.db.models import QuerySet

from accounts.models import Role, User
from accounts.scoping import everything, rule, visible
from pipeline.models import IDENTIFIED_INTEREST_STATUSES, Interest, Match, ReturnPlan, Vacancy
from trainees.models import Trainee


@rule(Trainee, Role.MEDICAL_DIRECTOR)
def _identified_candidates(user: User, trainees: QuerySet) -> QuerySet:
    return trainees.filter(
        interests__vacancy__trust_id=user.trust_id,
        interests__status__in=IDENTIFIED_INTEREST_STATUSES,
    ).distinct()


rule(Vacancy, Role.ADMINISTRATOR)(everything)


@rule(Vacancy, Role.MEDICAL_DIRECTOR)
def _trust_roles(user: User, vacancies: QuerySet) -> QuerySet:
    return vacancies.filter(trust_id=user.trust_id)


@rule(Vacancy, Role.DEANERY_STAFF)
def _region_roles(user: User, vacancies: QuerySet) -> QuerySet:
    return vacancies.filter(trust__region_id=user.region_id).exclude(status=Vacancy.Status.DRAFT)


@rule(Vacancy, Role.TRAINEE, Role.MENTOR)
def _published_roles(user: User, vacancies: QuerySet) -> QuerySet:
    return vacancies.exclude(status=Vacancy.Status.DRAFT)


def vacancies_for(user: User) -> QuerySet[Vacancy]:
    """The vacancies the viewer may open: drafts only for the trust that owns them."""
    return visible(user, Vacancy.objects.select_related("trust", "role_type"))


@rule(Match, Role.TRAINEE)
def _own_open_matches(user: User, matches: QuerySet) -> QuerySet:
    return matches.filter(trainee__user=user, vacancy__status=Vacancy.Status.OPEN)


@rule(Match, Role.MEDICAL_DIRECTOR)
def _trust_matches(user: User, matches: QuerySet) -> QuerySet:
    return matches.filter(vacancy__trust_id=user.trust_id)


def matches_for(user: User) -> QuerySet[Match]:
    """A trainee's own matches to open roles, or a director's trust's matched candidates.

    A director's rows must be turned into candidates by
    `pipeline.selectors.candidates_from`, which anonymises them; nobody else sees matches.
    """
    return visible(user, Match.objects.select_related(
        "vacancy", "trainee__grade", "trainee__specialty", "trainee__region"))


@rule(Interest, Role.TRAINEE)
def _own_interest(user: User, interests: QuerySet) -> QuerySet:
    return interests.filter(trainee__user=user)


@rule(Interest, Role.MEDICAL_DIRECTOR)
def _trust_identified_interest(user: User, interests: QuerySet) -> QuerySet:
    return interests.filter(vacancy__trust_id=user.trust_id, status__in=IDENTIFIED_INTEREST_STATUSES)


@rule(Interest, Role.ADMINISTRATOR)
def _identified_interest(user: User, interests: QuerySet) -> QuerySet:
    return interests.filter(status__in=IDENTIFIED_INTEREST_STATUSES)


def interests_for(user: User) -> QuerySet[Interest]:
    """A trainee's own applications; for a director, only those that identify the candidate."""
    return visible(user, Interest.objects.select_related("vacancy", "trainee"))


@rule(ReturnPlan, Role.TRAINEE)
def _own_return_plans(user: User, plans: QuerySet) -> QuerySet:
    return plans.filter(trainee__user=user)


@rule(ReturnPlan, Role.DEANERY_STAFF)
def _region_return_plans(user: User, plans: QuerySet) -> QuerySet:
    return plans.filter(trainee__region_id=user.region_id)


@rule(ReturnPlan, Role.MEDICAL_DIRECTOR)
def _plans_returning_to_the_trust(user: User, plans: QuerySet) -> QuerySet:
    # Only once the fellow has told them: until then the trust knows nothing of the plan.
    return plans.filter(receiving_trust_id=user.trust_id, director_told_at__isnull=False)


def return_plans_for(user: User) -> QuerySet[ReturnPlan]:
    """The return plans the viewer is a side of: their own, their region's, their trust's."""
    return visible(user, ReturnPlan.objects.select_related(
        "trainee__region", "receiving_trust", "fellowship__cohort__scheme"))
