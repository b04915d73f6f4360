"""What can happen next to a fellowship, and why not (as `allocation.rules`): the
services refuse with these sentences and the cohort page offers only what is possible."""

from datetime import date

from django.utils import timezone

from schemes.models import Fellowship

Status = Fellowship.Status
# Where a fellowship may move to, from which statuses.
TRANSITIONS: dict[str, set[str]] = {
    Status.ACTIVE: {Status.APPLIED},
    Status.COMPLETED: {Status.ACTIVE},
    Status.WITHDRAWN: {Status.APPLIED, Status.ACTIVE},
}


# What cannot happen to a fellowship before it starts, in words.
NOT_BEFORE_THE_START: dict[str, str] = {Status.ACTIVE: "marked active",
                                        Status.COMPLETED: "recorded as completed"}


def not_started_error(start_date: date, to: str, today: date | None = None) -> str | None:
    """A fellowship (its cohort) that has not started yet cannot be active or completed:
    for the cohort page, the services and the fellowships import alike."""
    if to in NOT_BEFORE_THE_START and start_date > (today or timezone.localdate()):
        return (f"The fellowship starts on {start_date:%-d %B %Y}. "
                f"It can be {NOT_BEFORE_THE_START[to]} from then.")
    return None


def _status_error(fellowship: Fellowship, to: str) -> str | None:
    if fellowship.status not in TRANSITIONS.get(to, set()):
        return (f"A fellowship that is {fellowship.get_status_display().lower()} "
                f"cannot become {Status(to).label.lower()}")
    return None


def move_error(fellowship: Fellowship, to: str, today: date | None = None) -> str | None:
    return _status_error(fellowship, to) or not_started_error(fellowship.start_date, to, today)


def fellowship_moves(fellowship: Fellowship, today: date | None = None) -> list[tuple[str, str | None]]:
    """The statuses this fellowship's status could move to next, in the order of a
    fellowship's life, each with why it cannot yet (None: it can now)."""
    return [(to, not_started_error(fellowship.start_date, to, today))
            for to in TRANSITIONS if _status_error(fellowship, to) is None]
