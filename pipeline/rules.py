"""What can happen next to a role and to a candidate's interest, and why not.

Each `*_error` function answers, for one action, the sentence that says why it cannot
happen now, or None when it can. The services refuse with that sentence; the pages
offer only the actions whose answer is None, so templates never spell out a status
rule. (The same pattern as `allocation.rules`.)
"""

import math
from collections.abc import Iterable
from datetime import date
from typing import Any

from pipeline.events import Hold, vacancy_held
from pipeline.models import MAX_HOURS, Interest, Vacancy
from trainees.models import Trainee

OPEN, DRAFT, CLOSED, FILLED = (Vacancy.Status.OPEN, Vacancy.Status.DRAFT, Vacancy.Status.CLOSED,
                               Vacancy.Status.FILLED)
INVITED, INTERESTED, SHORTLISTED, WITHDRAWN = (Interest.Status.INVITED, Interest.Status.INTERESTED,
                                               Interest.Status.SHORTLISTED, Interest.Status.WITHDRAWN)
# Statuses from which the trainee may say "I'm interested" (again), or withdraw.
CAN_EXPRESS = {None, INVITED, WITHDRAWN}
CAN_WITHDRAW = {INVITED, INTERESTED, SHORTLISTED}
CAN_DECIDE = {INTERESTED, SHORTLISTED}


def holds(vacancies: Iterable[Vacancy], trainee: Trainee | None = None) -> dict[int, Hold]:
    """What fills each of these roles for now (an allocation round), by vacancy id, in words
    for `trainee` if given: one question for a page of roles. Answered by
    `allocation.handlers` through the `vacancy_held` event."""
    saved = [vacancy for vacancy in vacancies if vacancy.pk is not None]
    held: dict[int, Hold] = {}
    for answer in vacancy_held.ask(vacancies=saved, trainee=trainee) if saved else []:
        for vacancy_id, hold in answer.items():
            held.setdefault(vacancy_id, hold)
    return held


def round_holding(vacancy: Vacancy) -> str | None:
    """The name of the allocation round (or anything else above) filling this role for now:
    while it runs, the role is not changed or appointed to here."""
    hold = holds([vacancy]).get(vacancy.pk)
    return hold.name if hold else None


# A page asks several rules about one role: it asks what holds the role once and passes the
# answer in (`held=`); a service leaves it out, so the rule asks afresh under its lock.
ASK: Any = object()


def held_error(vacancy: Vacancy, what: str, held: str | None = ASK) -> str | None:
    if name := (round_holding(vacancy) if held is ASK else held):
        return (f"This role is offered in the allocation round {name}, so it cannot be {what} "
                "until the round's result is published.")
    return None


def _status(obj) -> str:
    return obj.get_status_display().lower()


# -- a role ------------------------------------------------------------------------

def publish_error(vacancy: Vacancy) -> str | None:
    if vacancy.status != DRAFT:
        return f"Only a draft can be published; this role is {_status(vacancy)}."
    return None


def change_error(vacancy: Vacancy, held: str | None = ASK) -> str | None:
    if vacancy.status in (CLOSED, FILLED):
        return "A closed or filled role cannot be changed."
    return held_error(vacancy, "changed", held)


def close_error(vacancy: Vacancy, held: str | None = ASK) -> str | None:
    if problem := held_error(vacancy, "closed", held):
        return problem
    if vacancy.status != OPEN:
        return f"A {_status(vacancy)} role cannot be closed."
    return None


def fill_error(vacancy: Vacancy, held: str | None = ASK) -> str | None:
    if problem := held_error(vacancy, "marked filled", held):
        return problem
    if vacancy.status not in (OPEN, CLOSED):
        return f"A {_status(vacancy)} role cannot be marked filled."
    return None


def candidates_error(vacancy: Vacancy) -> str | None:
    if vacancy.status == DRAFT:
        return "Publish the role to see the candidates matched to it."
    return None


def still_matched(vacancy: Vacancy) -> bool:
    """Whether candidates are matched to the role: only while it is open (the sweep deletes a
    closed or filled role's matches; the people who said they were interested remain)."""
    return vacancy.status == OPEN


def candidates_words(vacancy: Vacancy) -> dict[str, str]:
    """How a role's page and its candidates page speak of its candidates (`still_matched`)."""
    if still_matched(vacancy):
        return {"link": "See candidates"}
    ended = "was filled" if vacancy.status == FILLED else "closed"
    return {"link": "See who was interested",
            "nobody": f"No one said they were interested before it {ended}."}


def vacancy_actions(vacancy: Vacancy) -> dict[str, str | None]:
    """Each action on a role, and why it cannot be taken now (None: it can)."""
    held = round_holding(vacancy)
    return {"publish": publish_error(vacancy), "change": change_error(vacancy, held),
            "close": close_error(vacancy, held), "fill": fill_error(vacancy, held),
            "candidates": candidates_error(vacancy)}


# -- a trainee's interest ----------------------------------------------------------

def express_error(vacancy: Vacancy, interest: Interest | None, *, matched: bool = True,
                  trainee: Trainee | None = None, hold: Hold | None = ASK) -> str | None:
    if vacancy.status != OPEN:
        return "This role is no longer open to expressions of interest."
    if hold := (holds([vacancy], trainee).get(vacancy.pk) if hold is ASK else hold):
        return hold.for_trainee  # e.g. rank it in the round instead, and by when
    if not matched:
        return "This role is not one of your matched opportunities."
    if interest is not None and interest.status not in CAN_EXPRESS:
        return f"You have already responded to this role ({_status(interest)})."
    return None


def withdraw_error(interest: Interest | None) -> str | None:
    if interest is None or interest.status not in CAN_WITHDRAW:
        status = _status(interest) if interest else "you have not said you are interested"
        return f"This interest cannot be withdrawn now ({status})."
    return None


def interest_actions(vacancy: Vacancy, interest: Interest | None,
                     hold: Hold | None = ASK) -> dict[str, str | None]:
    """What the trainee can do about a matched role: say they are interested, or withdraw."""
    return {"interested": express_error(vacancy, interest, hold=hold),
            "withdraw": withdraw_error(interest)}


# -- a candidate, for the role's director ------------------------------------------

def invite_error(vacancy: Vacancy, interest: Interest | None, held: str | None = ASK) -> str | None:
    if problem := held_error(vacancy, "offered to candidates one by one", held):
        return problem
    if vacancy.status != OPEN:
        return "Candidates can only be invited to an open role."
    if interest is not None:
        return "This candidate has already been invited or responded."
    return None


def _decision_error(interest: Interest | None, allowed: set, what: str) -> str | None:
    if interest is None or interest.status not in allowed:
        return f"Only a candidate who has said they are interested can be {what}."
    return None


def shortlist_error(interest: Interest | None) -> str | None:
    return _decision_error(interest, {INTERESTED}, "shortlisted")


def not_selected_error(interest: Interest | None) -> str | None:
    return _decision_error(interest, CAN_DECIDE, "marked not selected")


def appoint_error(vacancy: Vacancy, interest: Interest | None, held: str | None = ASK) -> str | None:
    # A role has one place: appointing fills it (pipeline.services.candidate_appoint).
    if problem := held_error(vacancy, "appointed to directly", held):
        return problem
    if vacancy.status == FILLED:
        return "This role has been filled, so no one else can be appointed to it."
    if vacancy.status not in (OPEN, CLOSED):
        return f"A {_status(vacancy)} role cannot be appointed to."
    return _decision_error(interest, CAN_DECIDE, "appointed")


def candidate_note(interest: Interest | None) -> str | None:
    """What the director is waiting for, if anything."""
    if interest is not None and interest.status == INVITED:
        return "You have invited this candidate. You will see who they are if they say they are interested."
    return None


def candidate_actions(vacancy: Vacancy, interest: Interest | None) -> dict[str, str | None]:
    """Each thing the director can do about a candidate, and why not (None: they can)."""
    held = round_holding(vacancy)
    return {"invite": invite_error(vacancy, interest, held), "shortlist": shortlist_error(interest),
            "appoint": appoint_error(vacancy, interest, held),
            "not_selected": not_selected_error(interest),
            # Offered until it is done: confirming again changes nothing (the service is idempotent).
            "confirm": confirmed_note(interest) or confirm_error(vacancy, interest)}


# -- governance roles and short projects -------------------------------------------

HOURS_PER_SESSION = 4  # a session is half a day


def sessions_for_hours(hours: int, start: date, ends_on: date) -> int:
    """The sessions a week a governance role or short project counts as in matching: its
    hours spread over the weeks from its start to its end, in half days, from 1 to 10."""
    weeks = max(1.0, ((ends_on - start).days + 1) / 7)
    return max(1, min(10, math.ceil(hours / weeks / HOURS_PER_SESSION)))


def kind_rule_errors(*, kind: str, hours: int | None, ends_on: date | None, start_date: date | None,
                     element) -> dict[str, str]:
    """What a kind other than a post still needs (the form shows these by their fields)."""
    errors: dict[str, str] = {}
    if kind == Vacancy.Kind.POST:
        return errors
    if hours is None:
        errors["hours"] = "Enter how many hours it will take in all"
    elif not 1 <= hours <= MAX_HOURS:
        errors["hours"] = f"Hours must be between 1 and {MAX_HOURS}"
    if ends_on is None:
        errors["ends_on"] = "Enter the date it ends"
    elif start_date and ends_on < start_date:
        errors["ends_on"] = "The end date must be on or after the start date"
    if element is None:
        errors["element"] = "Select what taking part is evidence of"
    return errors


def kind_change_error(vacancy: Vacancy, kind: str) -> str | None:
    """Why a posted opportunity cannot become another kind (None: it is not changing)."""
    if vacancy.pk and kind != vacancy.kind:
        return "The kind cannot be changed once it is posted."
    return None


def post_rule_errors(*, kind: str, role_type_id, sessions_per_week) -> dict[str, str]:
    """What a post needs that the other kinds are given (docs/matching.md)."""
    if kind != Vacancy.Kind.POST:
        return {}
    needs = (("role_type", role_type_id, "Select the kind of role"),
             ("sessions_per_week", sessions_per_week, "Enter sessions a week"))
    return {name: message for name, value, message in needs if value is None}


CONFIRMABLE = {INTERESTED, SHORTLISTED, Interest.Status.APPOINTED}


def confirm_error(vacancy: Vacancy, interest: Interest | None) -> str | None:
    """Why the trust cannot confirm now that this candidate took part (None: it can)."""
    if vacancy.is_post:
        return "A post is added to the trainee's portfolio when you appoint them."
    if vacancy.status == DRAFT:
        return f"Publish the {vacancy.noun} first."
    if interest is None or interest.status not in CONFIRMABLE:
        return "You can confirm that a candidate took part once they have said they are interested."
    return None


def confirmed_note(interest: Interest | None) -> str | None:
    if interest is not None and interest.took_part_confirmed_at is not None:
        return (f"You confirmed they took part on {interest.took_part_confirmed_at:%-d %B %Y}. "
                "It is in their portfolio as evidence.")
    return None
