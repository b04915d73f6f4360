"""A return plan's steps: which are done, whom each waits on and since when, and why an
action is not possible now (docs/stewardship.md, "The return to training").

Pure functions of a plan and today: the pages, the services, the reminders and
stewardship all read the steps from here, so none of them spells out the plan's rules.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import Role, User
from pipeline.models import ReturnPlan

FELLOW, STAFF, DIRECTOR = "fellow", "staff", "director"
WHO = {FELLOW: "the fellow", STAFF: "the deanery", DIRECTOR: "the receiving medical director"}
Session = ReturnPlan.Session


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    done: bool
    waits_on: str | None  # FELLOW, STAFF or DIRECTOR; None when done or not possible yet
    since: date | None  # since when it has waited on them
    state: str  # where it stands, in words
    stalled_words: str  # what is missing, for a stalled plan's reason

    def waited_days(self, today: date) -> int:
        return (today - self.since).days if self.since and not self.done else 0

    def for_reader(self, side: str) -> tuple[str, str]:
        """The step's tag as `side` reads it: (words, colour)."""
        if self.done:
            return "Done", "green"
        if self.waits_on is None:
            return "Not yet", "grey"
        if self.waits_on == side:
            return "To do", "blue"
        return f"Waiting for {WHO[self.waits_on]}", "white"


def _day(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


def steps(plan: ReturnPlan, *, has_mentor: bool) -> list[Step]:
    """The plan's five steps, in the order they usually happen."""
    trust = plan.receiving_trust
    told = _day(plan.director_told_at)
    return [
        Step("trust", "The trust they return to", trust is not None, None if trust else STAFF,
             plan.opened_on, trust.name if trust else "Not known yet", "no receiving trust named"),
        Step("director", "The receiving medical director told", told is not None,
             None if told or trust is None else FELLOW, None if told else plan.trust_known_on,
             f"Told on {told:%-d %B %Y}" if told else "Not told yet", "the medical director not told"),
        _session_step(plan, told),
        Step("mentor", "A mentor", has_mentor, None if has_mentor else STAFF, plan.opened_on,
             "Has a mentor" if has_mentor else "No mentor yet", "no mentor"),
        Step("roles", "Roles at the receiving trust and nearby", plan.roles_seen_at is not None,
             None if plan.roles_seen_at else FELLOW, plan.opened_on,
             "Looked at" if plan.roles_seen_at else "Not looked at yet", "roles not looked at"),
    ]


def _session_step(plan: ReturnPlan, told: date | None) -> Step:
    title = "A session to share their learning"
    if plan.session == Session.HELD:
        return Step("session", title, True, None, None, f"Held on {plan.session_on:%-d %B %Y}", "")
    if plan.session == Session.AGREED:
        return Step("session", title, False, DIRECTOR, plan.session_on,
                    f"Agreed for {plan.session_on:%-d %B %Y}", "the session not recorded")
    if plan.session == Session.PROPOSED:
        return Step("session", title, False, FELLOW, plan.session_changed_on,
                    f"Proposed for {plan.session_on:%-d %B %Y}", "the proposed session not agreed")
    return Step("session", title, False, DIRECTOR if told else None, told, "Not proposed yet",
                "no learning session proposed")


def is_done(plan_steps: list[Step]) -> bool:
    return all(step.done for step in plan_steps)


def stalled(plan_steps: list[Step], today: date) -> str | None:
    """Why the plan is stalled (its longest-waiting step, waiting too long), or None."""
    limit = settings.RETURN_PLAN_STALL_DAYS
    waiting = [s for s in plan_steps if s.waits_on and s.waited_days(today) >= limit]
    if not waiting:
        return None
    step = max(waiting, key=lambda s: s.waited_days(today))
    weeks = step.waited_days(today) // 7
    return "return plan stalled: " + step.stalled_words + ngettext(
        " for %(n)d week", " for %(n)d weeks", weeks) % {"n": weeks}


def side_of(plan: ReturnPlan, user: User) -> str | None:
    """Which side of the plan `user` is on, if any."""
    if plan.trainee.user_id == user.pk:
        return FELLOW
    if user.role == Role.DEANERY_STAFF and user.region_id == plan.trainee.region_id:
        return STAFF
    if (user.role == Role.MEDICAL_DIRECTOR and plan.receiving_trust_id is not None
            and user.trust_id == plan.receiving_trust_id):
        return DIRECTOR
    return None


# -- what each side may do now, and why not -------------------------------------------

ONLY = {FELLOW: "Only the fellow can do this", STAFF: "Only the deanery can do this",
        DIRECTOR: "Only the receiving medical director can do this"}


def _only(side: str | None, *allowed: str) -> str | None:
    return None if side in allowed else ONLY[allowed[0]]


def _closed(plan: ReturnPlan) -> str | None:
    return "This return plan is done" if plan.done_on else None


def set_trust_error(plan: ReturnPlan, side: str | None) -> str | None:
    return _only(side, STAFF) or _closed(plan)


def tell_director_error(plan: ReturnPlan, side: str | None) -> str | None:
    if problem := _only(side, FELLOW) or _closed(plan):
        return problem
    if plan.receiving_trust_id is None:
        return "The trust you return to is not known yet. The deanery will add it"
    if plan.director_told_at:
        return "The medical director has already been told"
    return None


def propose_session_error(plan: ReturnPlan, side: str | None, on: date, today: date) -> str | None:
    if problem := _only(side, DIRECTOR) or _closed(plan):
        return problem
    if plan.director_told_at is None:
        return "The medical director has not been told about this fellow yet"
    if plan.session in (Session.AGREED, Session.HELD):
        return "The session has already been agreed"
    if on < today:
        return "The date of the session must be today or in the future"
    return None


def agree_session_error(plan: ReturnPlan, side: str | None) -> str | None:
    if problem := _only(side, FELLOW) or _closed(plan):
        return problem
    return None if plan.session == Session.PROPOSED else "No session has been proposed yet"


def record_session_error(plan: ReturnPlan, side: str | None, today: date) -> str | None:
    if problem := _only(side, DIRECTOR, STAFF) or _closed(plan):
        return problem
    if plan.session != Session.AGREED:
        return "A session can be recorded once the fellow has agreed its date"
    assert plan.session_on is not None  # an agreed session has its date
    if plan.session_on > today:
        return f"The session is on {plan.session_on:%-d %B %Y}. It can be recorded from then"
    return None


def roles_seen_error(plan: ReturnPlan, side: str | None) -> str | None:
    return _only(side, FELLOW) or _closed(plan)


def ask_mentor_error(plan: ReturnPlan, side: str | None) -> str | None:
    return _only(side, STAFF) or _closed(plan)
