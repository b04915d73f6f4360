"""What can happen next to an allocation round, and why not.

Each `*_error` function answers, for one action, the sentence that says why it cannot
happen now (or None when it can). The services refuse with it and the pages show it
instead of offering the action, so the two never disagree.
"""

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Literal

from django.db.models import Q
from django.utils import timezone

from allocation.eligibility import post_ineligibility, round_ineligibility
from allocation.models import AllocationRound, RoundPost
from trainees.models import Trainee

Status = AllocationRound.Status


def day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def today_or(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


# -- the phase a round is in today, and what each reader is told about it -------------

class Phase(enum.Enum):
    """Where a round is today: its stored status read together with its dates.

    The ranking windows the services enforce and every page's words about a round come
    from here, so a page never says a round is open when ranking in it is refused."""

    SETTING_UP = "setting up"
    TRAINEES_RANKING = "trainees ranking"
    DIRECTORS_RANKING = "directors ranking"
    READY_TO_RUN = "ready to run"
    RUN = "run"
    PUBLISHED = "published"


def directors_rank_from(round: AllocationRound) -> dt.date:
    """Directors rank applicants from the day after trainees' last day to rank posts."""
    return round.trainee_deadline + dt.timedelta(days=1)


def phase(round: AllocationRound, today: dt.date | None = None) -> Phase:
    """Trainees rank up to and including their last day; directors from the next day up to
    and including theirs; after that the round is ready to run."""
    if round.status != Status.OPEN:
        return {Status.DRAFT: Phase.SETTING_UP, Status.MATCHED: Phase.RUN,
                Status.PUBLISHED: Phase.PUBLISHED}[Status(round.status)]
    today = today_or(today)
    if today <= round.trainee_deadline:
        return Phase.TRAINEES_RANKING
    if today <= round.director_deadline:
        return Phase.DIRECTORS_RANKING
    return Phase.READY_TO_RUN


def in_phase(now: Phase, today: dt.date | None = None, *, via: str = "") -> Q:
    """`phase` as a query filter, for many rounds at once (`via="round__"` from their posts)."""
    today = today_or(today)
    by_phase: dict[Phase, dict[str, object]] = {
        Phase.SETTING_UP: {"status": Status.DRAFT},
        Phase.TRAINEES_RANKING: {"status": Status.OPEN, "trainee_deadline__gte": today},
        Phase.DIRECTORS_RANKING: {"status": Status.OPEN, "trainee_deadline__lt": today,
                                  "director_deadline__gte": today},
        Phase.READY_TO_RUN: {"status": Status.OPEN, "director_deadline__lt": today},
        Phase.RUN: {"status": Status.MATCHED},
        Phase.PUBLISHED: {"status": Status.PUBLISHED},
    }
    return Q(**{via + lookup: value for lookup, value in by_phase[now].items()})


Reader = Literal["staff", "trainee", "director"]


@dataclass(frozen=True)
class Words:
    """What one reader is told about a round today: its tag, and a sentence with the dates."""

    tag: str
    colour: str
    says: str


WINDOWS = ("Trainees rank posts until {trainees}. Directors then rank applicants from {directors_from} "
           "to {directors}.")
TRAINEES_CLOSED = "Ranking closed on {trainees}."
DIRECTORS_CLOSED = "Ranking of applicants closed on {directors}."
SOON = "Results will be published soon."
PUBLISHED = ("Results published", "blue", "Results have been published.")

# For each reader and phase: the tag, its colour, and the sentence (filled in with the round's dates).
SAID: dict[Reader, dict[Phase, tuple[str, str, str]]] = {
    "staff": {
        Phase.SETTING_UP: ("Being set up", "grey", "Not open yet. " + WINDOWS),
        Phase.TRAINEES_RANKING: ("Trainees ranking", "green", WINDOWS),
        Phase.DIRECTORS_RANKING: ("Directors ranking", "aqua-green", "Trainees' ranking closed on "
                                  "{trainees}. Directors rank applicants until {directors}."),
        Phase.READY_TO_RUN: ("Ready to run", "orange", DIRECTORS_CLOSED + " The round can now be run."),
        Phase.RUN: ("Run, not yet published", "yellow",
                    "The round has been run. Review the result, then publish it."),
        Phase.PUBLISHED: ("Published", "blue", "The result has been published to trainees."),
    },
    "trainee": {
        Phase.SETTING_UP: ("Not open yet", "grey", "This round is not open for ranking yet."),
        Phase.TRAINEES_RANKING: ("Open for ranking", "green", "You can rank posts until {trainees}."),
        Phase.DIRECTORS_RANKING: ("Ranking closed", "grey",
                                  TRAINEES_CLOSED + " Results are published after {directors}."),
        Phase.READY_TO_RUN: ("Ranking closed", "grey", f"{TRAINEES_CLOSED} {SOON}"),
        Phase.RUN: ("Ranking closed", "grey", f"{TRAINEES_CLOSED} {SOON}"),
        Phase.PUBLISHED: PUBLISHED,
    },
    "director": {
        Phase.SETTING_UP: ("Not open yet", "grey",
                           "You can rank applicants from {directors_from} to {directors}."),
        Phase.TRAINEES_RANKING: ("Trainees ranking", "grey", "Trainees rank posts until {trainees}. You can "
                                 "rank applicants from {directors_from} to {directors}."),
        Phase.DIRECTORS_RANKING: ("Open for ranking", "green", "You can rank applicants until {directors}."),
        Phase.READY_TO_RUN: ("Ranking closed", "grey", f"{DIRECTORS_CLOSED} {SOON}"),
        Phase.RUN: ("Ranking closed", "grey", f"{DIRECTORS_CLOSED} {SOON}"),
        Phase.PUBLISHED: PUBLISHED,
    },
}


def words(round: AllocationRound, reader: Reader, today: dt.date | None = None) -> Words:
    """The one place a round's status is put into words, for deanery staff, for a trainee
    and for a post's director."""
    tag, colour, sentence = SAID[reader][phase(round, today)]
    return Words(tag, colour, sentence.format(
        trainees=day(round.trainee_deadline), directors=day(round.director_deadline),
        directors_from=day(directors_rank_from(round))))


def post_offered(post: RoundPost, trainee: Trainee | None, today: dt.date | None = None
                 ) -> tuple[str, bool]:
    """What a trainee matched to the post's role is told instead of "I'm interested", and
    whether they can rank it now. Expects the post's round, region and vacancy grades loaded."""
    round = post.round
    offered = f"This role is offered in the allocation round {round.name}"
    why_not = None if trainee is None else (round_ineligibility(round, trainee)
                                            or post_ineligibility(post, trainee))
    if why_not:
        return f"{offered}. {why_not}", False
    if trainee_window_error(round, today) is None:
        return f"{offered}: rank it there by {day(round.trainee_deadline)}.", True
    return f"{offered}. {words(round, 'trainee', today).says}", False


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
        return "This round has already been opened."
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
    now = phase(round, today)
    if now is Phase.SETTING_UP:
        return "This round is not open for ranking yet."
    if now is not Phase.TRAINEES_RANKING:
        return f"Ranking closed on {day(round.trainee_deadline)}. Your choices were not changed."
    return None


def director_window_error(round: AllocationRound, today: dt.date | None = None) -> str | None:
    """Why a director cannot rank applicants today, if they cannot."""
    now = phase(round, today)
    if now in (Phase.SETTING_UP, Phase.TRAINEES_RANKING):
        return (f"Applicants can be ranked from {day(directors_rank_from(round))}, once trainees' "
                f"ranking has closed on {day(round.trainee_deadline)}.")
    if now is not Phase.DIRECTORS_RANKING:
        return (f"Ranking of applicants closed on {day(round.director_deadline)}. "
                "Your ranking was not changed.")
    return None


def run_error(round: AllocationRound, today: dt.date | None = None) -> str | None:
    """Why the round cannot be run today, if it cannot."""
    if round.status != Status.OPEN:
        status = round.get_status_display().lower()
        return f"Only a round open for ranking can be run; this round is {status}."
    if phase(round, today) is not Phase.READY_TO_RUN:
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
