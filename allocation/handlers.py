"""What allocation answers when the pipeline asks (core.events)."""

from django.urls import reverse

from allocation.models import AllocationRound, RoundPost
from allocation.rules import post_offered
from pipeline.events import Hold, vacancy_held

RUNNING = [AllocationRound.Status.OPEN, AllocationRound.Status.MATCHED]


def round_filling(*, vacancies, trainee=None, **facts) -> dict[int, Hold]:
    """The open (or run, unpublished) round offering each of these roles: while it runs, the
    role is filled by the round. A trainee is told to rank it there, and by when, if they can
    (allocation.rules.post_offered, from the round's phase)."""
    posts = (RoundPost.objects.filter(vacancy__in=vacancies, round__status__in=RUNNING)
             .select_related("round__region", "vacancy__min_grade", "vacancy__max_grade")
             .prefetch_related("vacancy__specialties"))
    held = {}
    for post in posts:
        says, can_rank = post_offered(post, trainee)
        link = (reverse("rounds:rank", kwargs={"uuid": post.round.uuid}),
                f"Rank posts in {post.round.name}") if can_rank else None
        held[post.vacancy_id] = Hold(name=post.round.name, for_trainee=says, link=link)
    return held


vacancy_held.connect(round_filling)
