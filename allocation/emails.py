"""The emails a round sends: opening it, and each trainee's outcome (through the outbox)."""

from accounts.models import User
from allocation.eligibility import trainees_who_may_rank
from allocation.models import Allocation, AllocationRound
from allocation.rules import day
from notifications.models import Notification
from notifications.services import notification_queue, notifications_queue


def round_announce(round: AllocationRound) -> None:
    """Email the region's trainees who may rank at least one post, and the directors of
    the trusts whose posts are offered (telling them when they rank)."""

    context = {"round_name": round.name, "round_uuid": str(round.uuid),
               "trainee_deadline": day(round.trainee_deadline),
               "director_deadline": day(round.director_deadline)}
    for trainee in trainees_who_may_rank(round):
        notification_queue(recipient=trainee.user, to_address=trainee.email, template="round_opened",
                           subject=f"Rank leadership posts in {round.name}",
                           context={**context, "first_name": trainee.first_name})
    directors = User.objects.filter(trust__vacancies__round_posts__round=round, is_active=True).distinct()
    for director in directors:
        notification_queue(recipient=director, to_address=director.email,
                           template="round_opened_director",
                           subject=f"Your trust's posts are offered in {round.name}",
                           context={**context, "first_name": director.first_name})


def outcomes_queue(round: AllocationRound, allocations: list[Allocation]) -> None:
    """One outbox row per trainee, sent by the worker once this commits."""

    notifications_queue([Notification(
        recipient=a.trainee.user, to_address=a.trainee.email, template="allocation_outcome",
        subject=f"Your outcome in {round.name}",
        context={"first_name": a.trainee.first_name, "round_name": round.name,
                 "round_uuid": str(round.uuid), "placed": a.post is not None})
        for a in allocations if a.trainee.email])
