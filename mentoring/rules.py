"""What can happen next to a mentorship, and why not: the services refuse with these
sentences and the mentorship page offers only what is possible (as `allocation.rules`)."""

from django.db.models import Q

from mentoring.models import Mentorship

PROPOSED, ACTIVE, ENDED = Mentorship.Status.PROPOSED, Mentorship.Status.ACTIVE, Mentorship.Status.ENDED


# -- what the mentor may read of the trainee: the one place this is decided ------------
# Only while the mentorship is active, that is accepted by both: not while it is only
# proposed (by staff, or asked for by the trainee), nor once it is declined or ended. The
# mentorship page, the API's scope rule (mentoring.scopes) and the portfolio-view log all
# follow these two.

MENTOR_READS = (ACTIVE,)


def mentor_may_read_portfolio(mentorship: Mentorship) -> bool:
    """Whether the mentor may read the trainee's portfolio and the pair's meeting notes."""
    return mentorship.status in MENTOR_READS


def mentor_reads(prefix: str = "") -> Q:
    """`mentor_may_read_portfolio` for a queryset: the mentorships (reached through `prefix`,
    e.g. "mentorships__") in which the mentor may read the trainee's portfolio."""
    return Q(**{f"{prefix}status__in": MENTOR_READS})


def mentor_reading_note(mentorship: Mentorship) -> str:
    """What the mentor is told instead of the trainee's portfolio, in words for them."""
    name = mentorship.trainee.first_name
    if mentorship.status == PROPOSED:
        return f"You'll see {name}'s portfolio once you have both accepted the mentorship."
    if mentorship.started_on is None:  # declined before it began: they never could
        return f"This mentorship did not go ahead, so you cannot see {name}'s portfolio."
    return f"This mentorship has ended, so you can no longer see {name}'s portfolio or meeting notes."


# -- a new mentorship: one open (proposed or active) mentorship per trainee ------------

def ask_error(current: Mentorship | None) -> str | None:
    """Why the trainee cannot ask for a mentor now, in words for them; `current` is their
    open mentorship (mentoring.selectors.open_mentorship_of)."""
    if current is None:
        return None
    if current.status == ACTIVE:
        return f"{current.mentor} is your mentor. You can ask for another mentor once your mentorship ends."
    return (f"You have asked {current.mentor} to mentor you. You can ask for another mentor "
            "if they decline.")


def propose_error(current: Mentorship | None, *, first_name: str) -> str | None:
    """Why no one (staff, or the trainee choosing) can propose a mentor for this trainee now."""
    if current is None:
        return None
    if current.status == ACTIVE:
        return f"{current.mentor} is already {first_name}'s mentor. A trainee has one mentor at a time."
    return (f"{current.mentor} has already been asked to mentor {first_name}. "
            "A trainee has one mentor at a time.")


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
