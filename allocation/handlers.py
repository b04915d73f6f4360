"""What allocation answers when the pipeline asks (core.events)."""

from allocation.models import AllocationRound, RoundPost
from pipeline.events import vacancy_held

RUNNING = [AllocationRound.Status.OPEN, AllocationRound.Status.MATCHED]


def round_filling(*, vacancy, **facts) -> str | None:
    """The open (or run, unpublished) round offering this role: while it runs, the role is
    filled by the round."""
    post = (RoundPost.objects.filter(vacancy=vacancy, round__status__in=RUNNING)
            .select_related("round").first())
    return post.round.name if post else None


vacancy_held.connect(round_filling)
