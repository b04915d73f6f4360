"""What can happen next to a fellowship, and why not (as `allocation.rules`): the
services refuse with these sentences and the cohort page offers only what is possible."""

from schemes.models import Fellowship

Status = Fellowship.Status
# Where a fellowship may move to, from which statuses.
TRANSITIONS: dict[str, set[str]] = {
    Status.ACTIVE: {Status.APPLIED},
    Status.COMPLETED: {Status.ACTIVE},
    Status.WITHDRAWN: {Status.APPLIED, Status.ACTIVE},
}


def move_error(fellowship: Fellowship, to: str) -> str | None:
    if fellowship.status not in TRANSITIONS.get(to, set()):
        return (f"A fellowship that is {fellowship.get_status_display().lower()} "
                f"cannot become {Status(to).label.lower()}")
    return None


def fellowship_moves(fellowship: Fellowship) -> list[str]:
    """The statuses this fellowship can move to now, in the order of a fellowship's life."""
    return [to for to in TRANSITIONS if move_error(fellowship, to) is None]
