"""What can happen next to a mentorship, and why not: the services refuse with these
sentences and the mentorship page offers only what is possible (as `allocation.rules`)."""

from mentoring.models import Mentorship

PROPOSED, ACTIVE, ENDED = Mentorship.Status.PROPOSED, Mentorship.Status.ACTIVE, Mentorship.Status.ENDED


def accept_error(mentorship: Mentorship, *, is_mentor: bool) -> str | None:
    if not is_mentor:
        return "Only the mentor can accept a mentee"
    if mentorship.status != PROPOSED:
        return "Only a proposed mentorship can be accepted"
    return None


def decline_error(mentorship: Mentorship, *, is_mentor: bool) -> str | None:
    if not is_mentor or mentorship.status != PROPOSED:
        return "Only the mentor can decline a proposed mentee"
    return None


def meeting_error(mentorship: Mentorship) -> str | None:
    if mentorship.status != ACTIVE:
        return "Meetings can be logged for an active mentorship only"
    return None


def end_error(mentorship: Mentorship) -> str | None:
    if mentorship.status != ACTIVE:
        return "Only an active mentorship can be ended"
    return None


def feedback_error(mentorship: Mentorship) -> str | None:
    """Feedback ends an active mentorship, or is added to an ended one."""
    if mentorship.status not in (ACTIVE, ENDED):
        return "Only an active mentorship can be ended"
    return None


def mentorship_actions(mentorship: Mentorship, *, is_mentor: bool) -> dict[str, str | None]:
    """Each thing the viewer can do with the mentorship, and why not (None: they can)."""
    return {"accept": accept_error(mentorship, is_mentor=is_mentor),
            "decline": decline_error(mentorship, is_mentor=is_mentor),
            "meeting": meeting_error(mentorship), "end": end_error(mentorship),
            "feedback": feedback_error(mentorship)}
