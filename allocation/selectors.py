"""What the allocation pages show: lists, a round's review, a trainee's outcome explained."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q

from allocation.eligibility import post_ineligibility
from allocation.models import Allocation, AllocationRound, RoundPost, TraineeChoice
from allocation.rules import Phase, in_phase
from allocation.scopes import round_posts_for, rounds_for
from allocation.services import starting_orders
from pipeline.models import Match
from trainees.models import Trainee

ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth"]


def ordinal(number: int) -> str:
    return ORDINALS[number - 1] if 1 <= number <= len(ORDINALS) else f"{number}th"


def posts_of(round: AllocationRound):
    """The round's posts with what eligibility and display need, in a stable order."""
    return round.posts.select_related(
        "vacancy__trust", "vacancy__min_grade", "vacancy__max_grade").prefetch_related(
        "vacancy__specialties").annotate(applicants=Count("choices"))


def staff_rounds(rounds):
    """The viewer's rounds (from accounts.scoping) with how many posts and trainees each has."""
    return rounds.annotate(
        post_count=Count("posts", distinct=True),
        trainee_count=Count("choices__trainee", distinct=True))


def eligible_posts(round: AllocationRound, trainee: Trainee) -> list[RoundPost]:
    return [post for post in posts_of(round) if post_ineligibility(post, trainee) is None]


def choices_of(round: AllocationRound, trainee: Trainee) -> list[TraineeChoice]:
    return list(TraineeChoice.objects.filter(round=round, trainee=trainee).select_related(
        "post__vacancy__trust").order_by("rank"))


def rounds_for_trainee(trainee: Trainee, rounds):
    """The trainee's visible rounds, each with how many posts they have ranked in it."""
    return rounds.annotate(my_choices=Count("choices", filter=Q(choices__trainee=trainee)))


def director_posts(posts):
    return posts.annotate(applicants=Count("choices")).order_by("-round__trainee_deadline",
                                                               "vacancy__title")


@dataclass
class Applicant:
    trainee: Trainee
    score: float | None
    rank: int | None  # the director's saved rank, or the starting order's


def applicants_of(post: RoundPost) -> list[Applicant]:
    """The post's applicants in the director's saved order (unranked ones last), or in the
    starting order if the director has not ranked yet."""
    order = starting_orders([post.pk])[post.pk]
    trainees = Trainee.objects.select_related("grade", "specialty").in_bulk(order)
    scores = dict(Match.objects.filter(vacancy_id=post.vacancy_id, trainee_id__in=order).values_list(
        "trainee_id", "score"))
    if post.ranked_at is None:
        ranks = {trainee_id: number for number, trainee_id in enumerate(order, 1)}
    else:
        ranks = dict(post.applicant_ranks.values_list("trainee_id", "rank"))
        order = sorted(order, key=lambda pk: (ranks.get(pk) is None, ranks.get(pk, 0), order.index(pk)))
    return [Applicant(trainees[pk], scores.get(pk), ranks.get(pk)) for pk in order]


# -- the review staff see before publishing ------------------------------------------

@dataclass
class PostResult:
    post: RoundPost
    placed: int

    @property
    def unfilled(self) -> int:
        return self.post.places - self.placed


@dataclass
class Review:
    trainees: int
    placed: int
    by_choice: list[tuple[int, int]]  # (choice number, trainees placed at it)
    places: int
    posts: list[PostResult]
    starting_order_posts: int

    @property
    def unplaced(self) -> int:
        return self.trainees - self.placed

    @property
    def unfilled(self) -> int:
        return self.places - self.placed


def round_review(round: AllocationRound) -> Review:
    allocations = round.allocations.values_list("choice", flat=True)
    by_choice = Counter(choice for choice in allocations if choice is not None)
    posts = [PostResult(post, post.placed) for post in posts_of(round).annotate(
        placed=Count("allocations", distinct=True))]
    return Review(
        trainees=len(allocations), placed=sum(by_choice.values()),
        by_choice=[(number, by_choice.get(number, 0)) for number in range(1, max(by_choice, default=0) + 1)],
        places=sum(result.post.places for result in posts), posts=posts,
        starting_order_posts=len((round.inputs or {}).get("starting_order", [])),
    )


def unplaced_trainees(round: AllocationRound):
    return round.allocations.filter(post__isnull=True).select_related(
        "trainee__grade", "trainee__specialty").annotate(
        ranked=Count("trainee__round_choices", filter=Q(trainee__round_choices__round=round)),
    ).order_by("trainee__last_name", "trainee__first_name")


# -- a trainee's outcome, explained --------------------------------------------------

@dataclass
class ChoiceOutcome:
    choice: TraineeChoice
    sentence: str


@dataclass
class Outcome:
    allocation: Allocation
    headline: str
    choices: list[ChoiceOutcome]


def outcome_for(round: AllocationRound, trainee: Trainee) -> Outcome | None:
    """What the trainee got and, for each post they preferred, why not that one.

    Stability means a preferred post either did not rank the trainee or filled all its
    places with applicants its director ranked higher; we check which from the stored
    inputs rather than assume it."""
    allocation = round.allocations.filter(trainee=trainee).select_related(
        "post__vacancy__trust").first()
    if allocation is None:
        return None
    choices = choices_of(round, trainee)
    assert round.inputs is not None  # kept when the round was run, which made the allocation
    rankings, places = round.inputs["rankings"], round.inputs["places"]
    holders: dict[int, list[int]] = {}
    for post_id, trainee_id in round.allocations.filter(post__in=[c.post_id for c in choices]).values_list(
            "post_id", "trainee_id"):
        holders.setdefault(post_id, []).append(trainee_id)
    lines = [ChoiceOutcome(choice, _choice_sentence(choice, allocation, rankings, places, holders))
             for choice in choices]
    return Outcome(allocation, _headline(allocation), lines)


def _headline(allocation: Allocation) -> str:
    if allocation.post is None:
        return ("You have not been placed in this round. Every post you ranked was filled by "
                "applicants ranked above you, or did not rank you.")
    assert allocation.choice is not None  # the database requires a placed allocation's choice
    vacancy = allocation.post.vacancy
    return (f"You have been placed in your {ordinal(allocation.choice)} choice: {vacancy.title} at "
            f"{vacancy.trust.name}.")


def _choice_sentence(choice, allocation, rankings, places, holders) -> str:
    if allocation.choice is not None and choice.rank == allocation.choice:
        return "You were placed here."
    if allocation.choice is not None and choice.rank > allocation.choice:
        return "Not needed: you were placed in a post you ranked higher."
    ranking = rankings[str(choice.post_id)]
    if choice.trainee_id not in ranking:
        return "Its director did not rank you, so you could not be placed here."
    mine = ranking.index(choice.trainee_id)
    taken = holders.get(choice.post_id, [])
    count = places[str(choice.post_id)]
    if len(taken) >= count and all(ranking.index(other) < mine for other in taken):
        noun = "place was" if count == 1 else f"{count} places were"
        return f"Its {noun} filled by applicants its director ranked above you."
    return "You were not placed here."  # unreachable for a stable result; said plainly if so


def eligibility_notes(round: AllocationRound, trainee: Trainee, posts) -> list[tuple[RoundPost, str]]:
    """The round's posts the trainee cannot rank, each with why (shown, not hidden)."""
    return [(post, why) for post in posts if (why := post_ineligibility(post, trainee))]


def score_of(post: RoundPost, trainee: Trainee) -> float | None:
    return Match.objects.filter(vacancy_id=post.vacancy_id, trainee=trainee).values_list(
        "score", flat=True).first()


# -- what home pages point people to -------------------------------------------------

def rounds_to_rank(user) -> list[AllocationRound]:
    """Rounds in which the trainee can still rank posts today."""
    return list(rounds_for(user).filter(in_phase(Phase.TRAINEES_RANKING)))


def posts_to_rank(user) -> list[RoundPost]:
    """A director's posts whose applicants can be ranked today."""
    return list(round_posts_for(user).filter(in_phase(Phase.DIRECTORS_RANKING, via="round__")))


def rounds_for_staff_to_act_on(region) -> list[AllocationRound]:
    """Rounds ready to run (ranking closed) or run and waiting to be published."""
    return list(AllocationRound.objects.filter(region=region).filter(
        in_phase(Phase.READY_TO_RUN) | in_phase(Phase.RUN)))
