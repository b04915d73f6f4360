"""What can happen to an invitation and an idea next, and why not (a sentence, or None)."""

from datetime import date

from accounts.models import Role, User
from ideas.models import Idea, Invitation
from reference.models import Trust

MAX_IDEAS_PER_INVITATION = 5

# The answers a trust may give, and which may follow which: an acknowledged idea may still be
# tried or turned down, one the trust will try may be tried or dropped; tried and not for us
# are final.
NEXT_ANSWERS: dict[str, tuple[str, ...]] = {
    Idea.Status.WAITING: (Idea.Status.ACKNOWLEDGED, Idea.Status.WILL_TRY, Idea.Status.TRIED,
                          Idea.Status.NOT_FOR_US),
    Idea.Status.ACKNOWLEDGED: (Idea.Status.WILL_TRY, Idea.Status.TRIED, Idea.Status.NOT_FOR_US),
    Idea.Status.WILL_TRY: (Idea.Status.TRIED, Idea.Status.NOT_FOR_US),
    Idea.Status.TRIED: (),
    Idea.Status.NOT_FOR_US: (),
}
# Answers that must say something: what happened, or why not.
NEEDS_WORDS: dict[str, str] = {Idea.Status.TRIED: "Enter what happened when the trust tried it",
               Idea.Status.NOT_FOR_US: "Enter why the idea is not for the trust"}
PROJECT_ANSWERS = (Idea.Status.WILL_TRY, Idea.Status.TRIED)


def submit_error(invitation: Invitation, today: date) -> str | None:
    if invitation.closes_on < today:
        return f"Ideas for this placement could be shared until {invitation.closes_on:%-d %B %Y}."
    if invitation.ideas.count() >= MAX_IDEAS_PER_INVITATION:
        return f"You have shared {MAX_IDEAS_PER_INVITATION} ideas for this placement, the most you can."
    return None


def previous_trust_error(invitation: Invitation, previous: Trust) -> str | None:
    if previous.pk == invitation.trust_id:
        return "Choose the trust you were at before, not the one you have just joined"
    return None


def dismiss_error(invitation: Invitation) -> str | None:
    if invitation.dismissed_at is not None:
        return "You have already said you have no ideas to share for this placement."
    return None


def may_answer(user: User, idea: Idea) -> bool:
    """A trust's ideas are answered by its people: its medical directors and its lead."""
    return user.role == Role.MEDICAL_DIRECTOR and user.trust_id == idea.trust_id


def answer_error(idea: Idea, status: str | None = None) -> str | None:
    """Why the trust cannot answer `status` now (any answer, when status is None)."""
    allowed = NEXT_ANSWERS.get(idea.status, ())
    if not allowed:
        return f"This idea has already been answered: {idea.get_status_display().lower()}."
    if status is not None and status not in allowed:
        if status == idea.status:
            return f"This idea has already been answered: {idea.get_status_display().lower()}."
        return f"An idea marked {idea.get_status_display().lower()} cannot be marked that now."
    return None


def answer_words_error(status: str, words: str) -> str | None:
    return NEEDS_WORDS.get(status) if not words.strip() else None


def make_project_error(idea: Idea) -> str | None:
    if idea.project_id is not None:
        return "This idea is already a project in your portfolio."
    if idea.status not in PROJECT_ANSWERS:
        return "An idea becomes a project once the trust says it will try it, or has tried it."
    return None


def lead_error(trust: Trust, user: User) -> str | None:
    if user.trust_id != trust.pk or not user.is_active:
        return "Choose someone who works at the trust"
    return None


def opportunity_error(idea: Idea) -> str | None:
    """Why the trust cannot offer this idea as a short improvement project now (None: it can)."""
    if idea.opportunity_id is not None:
        return "This idea has already been offered as a short improvement project."
    if idea.status != Idea.Status.WILL_TRY:
        return "An idea can be offered as a short improvement project once the trust says it will try it."
    return None
