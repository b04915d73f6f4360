"""What can happen next to an allocation round, and why not.

Each `*_error` function answers, for one action, the sentence that says why it cannot
happen now (or None when it can). The services refuse with it and the pages show it
instead of offering the action, so the two never disagree.
"""

import datetime as dt

from django.utils import timezone

from allocation.models import AllocationRound

Status = AllocationRound.Status


def day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def today_or(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def round_rule_errors(*, trainee_deadline, director_deadline, today: dt.date) -> dict[str, str]:
    errors = {}
    if trainee_deadline and trainee_deadline < today:
        errors["trainee_deadline"] = "The last day for trainees to rank posts must be today or later"
    if trainee_deadline and director_deadline and director_deadline <= trainee_deadline:
        errors["director_deadline"] = ("The last day for directors to rank applicants must be after "
                                       "the last day for trainees")
    return errors


def open_error(round: AllocationRound, today: dt.date | None = None) -> str | None:
    """Why the round cannot be opened for ranking, if it cannot."""
    if round.status != Status.DRAFT:
        return f"This round is already {round.get_status_display().lower()}."
    if not round.posts.exists():
        return "Add at least one post before opening the round."
    if round.trainee_deadline < today_or(today):
        return ("The last day for trainees to rank posts has passed. "
                "Change the dates before opening the round.")
    return None


def edit_error(round: AllocationRound) -> str | None:
    if round.status != Status.DRAFT:
        return "A round can only be changed while it is being set up."
    return None


def posts_error(round: AllocationRound) -> str | None:
    if round.status != Status.DRAFT:
        return "Posts can only be changed while the round is being set up."
    return None


def delete_error(round: AllocationRound) -> str | None:
    if round.status != Status.DRAFT:
        return "Only a round still being set up can be deleted."
    return None


def extend_error(round: AllocationRound) -> str | None:
    if round.status != Status.OPEN:
        return "Only the deadlines of a round open for ranking can be extended."
    return None


def review_error(round: AllocationRound) -> str | None:
    if round.status not in (Status.MATCHED, Status.PUBLISHED):
        return "The round has not been run yet."
    return None


def outcome_error(round: AllocationRound) -> str | None:
    if round.status != Status.PUBLISHED:
        return "The round's result has not been published yet."
    return None


def trainee_window_error(round: AllocationRound, today: dt.date | None = None) -> str | None:
    """Why a trainee cannot rank posts in the round today, if they cannot."""
    if round.status == Status.DRAFT:
        return "This round is not open for ranking yet."
    if round.status != Status.OPEN or today_or(today) > round.trainee_deadline:
        return f"Ranking closed on {day(round.trainee_deadline)}. Your choices were not changed."
    return None


def director_window_error(round: AllocationRound, today: dt.date | None = None) -> str | None:
    """Why a director cannot rank applicants today, if they cannot."""
    today = today_or(today)
    if round.status != Status.OPEN or today > round.director_deadline:
        return (f"Ranking of applicants closed on {day(round.director_deadline)}. "
                "Your ranking was not changed.")
    if today <= round.trainee_deadline:
        opens = round.trainee_deadline + dt.timedelta(days=1)
        return (f"Applicants can be ranked from {day(opens)}, once trainees' ranking has closed "
                f"on {day(round.trainee_deadline)}.")
    return None


def run_error(round: AllocationRound, today: dt.date | None = None) -> str | None:
    """Why the round cannot be run today, if it cannot."""
    if round.status != Status.OPEN:
        status = round.get_status_display().lower()
        return f"Only a round open for ranking can be run; this round is {status}."
    if today_or(today) <= round.director_deadline:
        runs_from = round.director_deadline + dt.timedelta(days=1)
        return (f"The round can be run from {day(runs_from)}, after directors' ranking closes on "
                f"{day(round.director_deadline)}.")
    return None


def publish_error(round: AllocationRound, today: dt.date | None = None) -> str | None:
    if round.status == Status.PUBLISHED:
        return "This round's result has already been published."
    if round.status != Status.MATCHED:
        return "The round must be run, and its result reviewed, before it can be published."
    return None


def round_actions(round: AllocationRound, today: dt.date | None = None) -> dict[str, str | None]:
    """Each thing staff can do with the round, and why not now (None: they can)."""
    return {"edit": edit_error(round), "posts": posts_error(round), "delete": delete_error(round),
            "open": open_error(round, today), "extend": extend_error(round),
            "run": run_error(round, today), "review": review_error(round),
            "publish": publish_error(round, today)}
