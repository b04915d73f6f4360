"""Mentors, mentorships, and the trainees a mentor may open."""

from django.db.models import Q, QuerySet

from accounts.models import Role, User
from accounts.people import region_members
from accounts.scoping import everything, rule, visible
from mentoring import rules
from mentoring.models import Mentor, Mentorship
from trainees.models import Trainee


@rule(Trainee, Role.MENTOR)
def _mentees(user: User, trainees: QuerySet) -> QuerySet:
    """Only the trainees whose portfolio the mentor may read now (`mentoring.rules`): the
    same decision as the mentorship page."""
    return trainees.filter(Q(mentorships__mentor__user=user) & rules.mentor_reads("mentorships__")
                           ).distinct()


@rule(Mentorship, Role.MENTOR)
def _mentor_pairs(user: User, mentorships: QuerySet) -> QuerySet:
    return mentorships.filter(mentor__user=user)


@rule(Mentorship, Role.TRAINEE)
def _trainee_pairs(user: User, mentorships: QuerySet) -> QuerySet:
    return mentorships.filter(trainee__user=user)


def mentorships_for(user: User) -> QuerySet[Mentorship]:
    """Mentorships a viewer may open: the pair's own. Private notes are for the pair alone;
    nobody else opens a mentorship page at all."""
    return visible(user, Mentorship.objects.select_related("mentor__user", "trainee"))


rule(Mentor, Role.ADMINISTRATOR)(everything)


@rule(Mentor, Role.DEANERY_STAFF)
def _region_mentors(user: User, mentors: QuerySet) -> QuerySet:
    return mentors.filter(region_id=user.region_id)


@rule(Mentor, Role.MENTOR)
def _own_profile(user: User, mentors: QuerySet) -> QuerySet:
    return mentors.filter(user=user)


@rule(Mentor, Role.TRAINEE)
def _own_mentors(user: User, mentors: QuerySet) -> QuerySet:
    return mentors.filter(mentorships__trainee__user=user).distinct()


def mentors_for(user: User) -> QuerySet[Mentor]:
    """Mentors: staff see their region's (to assign them), a mentor their own profile, a
    trainee the mentors they are paired with."""
    return visible(user, Mentor.objects.select_related("user", "region"))


@region_members
def _mentors_of_region(region_id: int) -> Q:
    """Mentors' accounts belong to the region of their mentor profile."""
    return Q(role=Role.MENTOR, mentor__region_id=region_id)
