"""Allocation rounds, their posts and their placements, as each role may read them."""

from django.db.models import QuerySet

from accounts.models import Role, User
from accounts.scoping import everything, rule, visible
from allocation.models import Allocation, AllocationRound, RoundPost

DRAFT, PUBLISHED = AllocationRound.Status.DRAFT, AllocationRound.Status.PUBLISHED

rule(AllocationRound, Role.ADMINISTRATOR)(everything)


@rule(AllocationRound, Role.DEANERY_STAFF)
def _region_rounds(user: User, rounds: QuerySet) -> QuerySet:
    return rounds.filter(region_id=user.region_id)


@rule(AllocationRound, Role.TRAINEE)
def _trainee_region_rounds(user: User, rounds: QuerySet) -> QuerySet:
    return rounds.filter(region__trainees__user=user).exclude(status=DRAFT)


@rule(AllocationRound, Role.MEDICAL_DIRECTOR)
def _rounds_offering_trust_posts(user: User, rounds: QuerySet) -> QuerySet:
    return rounds.filter(posts__vacancy__trust_id=user.trust_id).exclude(status=DRAFT).distinct()


def rounds_for(user: User) -> QuerySet[AllocationRound]:
    """Allocation rounds: staff see their region's; a trainee the open and finished rounds
    of their region; a director those offering their trust's roles. Drafts are staff's alone."""
    return visible(user, AllocationRound.objects.select_related("region"))


@rule(RoundPost, Role.MEDICAL_DIRECTOR)
def _trust_posts(user: User, posts: QuerySet) -> QuerySet:
    return posts.filter(vacancy__trust_id=user.trust_id).exclude(round__status=DRAFT)


def round_posts_for(user: User) -> QuerySet[RoundPost]:
    """Posts in rounds a director may rank applicants for: their own trust's, once open."""
    return visible(user, RoundPost.objects.select_related("round", "vacancy__trust"))


rule(Allocation, Role.ADMINISTRATOR)(everything)


@rule(Allocation, Role.DEANERY_STAFF)
def _region_placements(user: User, placements: QuerySet) -> QuerySet:
    return placements.filter(round__region_id=user.region_id)


@rule(Allocation, Role.TRAINEE)
def _own_published_placements(user: User, placements: QuerySet) -> QuerySet:
    return placements.filter(trainee__user=user, round__status=PUBLISHED)


@rule(Allocation, Role.MEDICAL_DIRECTOR)
def _trust_published_placements(user: User, placements: QuerySet) -> QuerySet:
    return placements.filter(post__vacancy__trust_id=user.trust_id, round__status=PUBLISHED)


def placements_for(user: User) -> QuerySet[Allocation]:
    """Where trainees were placed by allocation rounds: staff see their region's rounds once
    run; a trainee their own, and a director those into their trust's posts, once published."""
    return visible(user, Allocation.objects.select_related("round", "trainee", "post__vacancy"))
