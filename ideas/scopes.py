"""Who may read which ideas: a trainee their own; a trust's medical directors (its lead among
them) the ideas sent to it. Deanery staff and administrators see only the aggregate report."""

from django.db.models import QuerySet

from accounts.models import Role, User
from accounts.scoping import rule, visible
from ideas.models import Idea, Invitation


@rule(Idea, Role.TRAINEE)
def _own_ideas(user: User, ideas: QuerySet) -> QuerySet:
    return ideas.filter(trainee__user=user)


@rule(Idea, Role.MEDICAL_DIRECTOR)
def _ideas_for_the_trust(user: User, ideas: QuerySet) -> QuerySet:
    return ideas.filter(trust_id=user.trust_id)


@rule(Invitation, Role.TRAINEE)
def _own_invitations(user: User, invitations: QuerySet) -> QuerySet:
    return invitations.filter(trainee__user=user)


def ideas_for(user: User) -> QuerySet[Idea]:
    return visible(user, Idea.objects.select_related("trust", "previous_trust", "trainee__grade",
                                                     "trainee__specialty"))


def invitations_for(user: User) -> QuerySet[Invitation]:
    return visible(user, Invitation.objects.select_related("trust", "previous_trust", "placement"))
