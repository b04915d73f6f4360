"""Running an allocation round: set it up, open it, take rankings, run, publish.

Every rule a page or a crafted request could break is checked here, and answered
with a sentence the person can act on. The windows are strict and in order:
trainees rank posts up to their deadline; directors then rank the applicants up to
theirs; the round is run after that, when nothing can change any more.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User
from allocation import emails
from allocation.algorithm import deferred_acceptance
from allocation.eligibility import post_ineligibility, round_ineligibility
from allocation.models import (
    MAX_CHOICES,
    MAX_PLACES,
    Allocation,
    AllocationRound,
    ApplicantRank,
    RoundPost,
    TraineeChoice,
)
from allocation.rules import (
    day,
    delete_error,
    director_window_error,
    edit_error,
    extend_error,
    open_error,
    posts_error,
    publish_error,
    round_rule_errors,
    run_error,
    today_or,
    trainee_window_error,
)
from core.rules import refuse
from pipeline.matching.services import remove_closed_vacancy_matches
from pipeline.models import Interest, Match, Vacancy
from pipeline.services import portfolio_role, trainee_request_rematch
from trainees.models import LeadershipRole, Trainee

Status = AllocationRound.Status




def _lock(round: AllocationRound) -> AllocationRound:
    """The round, locked for this transaction: two staff cannot run or open it at once."""
    return AllocationRound.objects.select_for_update().select_related("region").get(pk=round.pk)


# -- setting a round up ------------------------------------------------------------

@transaction.atomic
def round_save(*, round: AllocationRound, by: User, today: dt.date | None = None) -> AllocationRound:
    """Create a round for the staff member's region, or change one still being set up."""
    if round.pk:
        refuse(edit_error(_lock(round)))
    errors = round_rule_errors(trainee_deadline=round.trainee_deadline,
                               director_deadline=round.director_deadline, today=today_or(today))
    if errors:
        raise ValidationError(errors)
    round.created_by = round.created_by or by
    round.full_clean()
    round.save()
    return round


def vacancies_offerable(round: AllocationRound):
    """Open roles of the region's trusts that no other unpublished round offers."""
    elsewhere = RoundPost.objects.exclude(round=round).exclude(round__status=Status.PUBLISHED)
    return (Vacancy.objects.filter(trust__region_id=round.region_id, status=Vacancy.Status.OPEN)
            .exclude(pk__in=elsewhere.values("vacancy_id"))
            .select_related("trust", "min_grade", "max_grade").order_by("trust__name", "title"))


@transaction.atomic
def round_posts_set(*, round: AllocationRound, places: dict[Vacancy, int]) -> None:
    """Say which roles the round offers and how many places each (0 leaves a role out).

    Errors are keyed by the vacancy's UUID so a form can show each beside its role."""
    refuse(posts_error(_lock(round)))
    offerable = set(vacancies_offerable(round).values_list("pk", flat=True))
    errors = {}
    for vacancy, count in places.items():
        if count and vacancy.pk not in offerable:
            errors[str(vacancy.uuid)] = (f"{vacancy.title} cannot be offered: it must be an open role "
                                         f"of a trust in {round.region.name}, in no other round")
        elif not 0 <= count <= MAX_PLACES:
            errors[str(vacancy.uuid)] = f"Places for {vacancy.title} must be between 0 and {MAX_PLACES}"
    if errors:
        raise ValidationError(errors)
    kept = {vacancy.pk: count for vacancy, count in places.items() if count}
    round.posts.exclude(vacancy_id__in=kept).delete()
    for vacancy_id, count in kept.items():
        RoundPost.objects.update_or_create(round=round, vacancy_id=vacancy_id, defaults={"places": count})


@transaction.atomic
def round_open(*, round: AllocationRound, today: dt.date | None = None) -> AllocationRound:
    """Open ranking to trainees. Nothing about the posts or dates can change after this."""
    locked = _lock(round)
    refuse(open_error(locked, today))
    locked.status = Status.OPEN
    locked.opened_at = timezone.now()
    locked.save(update_fields=["status", "opened_at", "updated_at"])
    emails.round_announce(locked)
    return locked


@transaction.atomic
def round_delete(*, round: AllocationRound) -> None:
    """Delete a round still being set up (nobody has ranked anything in it yet)."""
    refuse(delete_error(_lock(round)))
    round.delete()


@transaction.atomic
def round_extend(*, round: AllocationRound, trainee_deadline: dt.date, director_deadline: dt.date,
                 today: dt.date | None = None) -> AllocationRound:
    """Move an open round's deadlines later, never earlier: nobody loses time they were
    promised. Trainees' last day is fixed once it has passed (directors are ranking a list
    that must not change under them). Errors are keyed by field."""
    locked, today = _lock(round), today_or(today)
    refuse(extend_error(locked))
    errors = {}
    if trainee_deadline != locked.trainee_deadline and today > locked.trainee_deadline:
        errors["trainee_deadline"] = (f"Trainees' ranking closed on {day(locked.trainee_deadline)}, "
                                      "so its last day cannot change")
    elif trainee_deadline < locked.trainee_deadline:
        errors["trainee_deadline"] = "The last day for trainees can only be moved later"
    if director_deadline < locked.director_deadline:
        errors["director_deadline"] = "The last day for directors can only be moved later"
    elif director_deadline <= trainee_deadline:
        errors["director_deadline"] = ("The last day for directors to rank applicants must be after "
                                       "the last day for trainees")
    if errors:
        raise ValidationError(errors)
    locked.trainee_deadline, locked.director_deadline = trainee_deadline, director_deadline
    locked.save(update_fields=["trainee_deadline", "director_deadline", "updated_at"])
    return locked


# -- rankings ----------------------------------------------------------------------

@transaction.atomic
def choices_save(*, round: AllocationRound, trainee: Trainee, posts: Sequence[RoundPost | None],
                 today: dt.date | None = None) -> list[RoundPost]:
    """Replace the trainee's ranking of posts; gaps close up, an empty list withdraws.

    `posts` holds the trainee's 1st, 2nd ... choices; errors are keyed `choice_<n>`."""
    locked = _lock(round)
    refuse(trainee_window_error(locked, today) or round_ineligibility(locked, trainee))
    if len(posts) > MAX_CHOICES:
        raise ValidationError(f"You can rank up to {MAX_CHOICES} posts.")
    errors, seen = {}, set()
    for number, post in enumerate(posts, 1):
        if post is None:
            continue
        if post.round_id != locked.pk:
            errors[f"choice_{number}"] = "Choose a post offered in this round"
        elif post.pk in seen:
            errors[f"choice_{number}"] = (f"You have already chosen {post.vacancy.title}: "
                                          "choose each post once")
        elif why := post_ineligibility(post, trainee):
            errors[f"choice_{number}"] = why
        seen.add(post.pk)
    if errors:
        raise ValidationError(errors)
    chosen = [post for post in posts if post is not None]
    TraineeChoice.objects.filter(round=locked, trainee=trainee).delete()
    now = timezone.now()
    TraineeChoice.objects.bulk_create([
        TraineeChoice(round=locked, trainee=trainee, post=post, rank=rank, chosen_at=now)
        for rank, post in enumerate(chosen, 1)])
    return chosen


@transaction.atomic
def applicants_rank(*, post: RoundPost, by: User, ranks: dict[Trainee, int | None],
                    today: dt.date | None = None) -> list[Trainee]:
    """Save a director's ranking of the post's applicants; those without a rank are not
    acceptable for the post. Ranks need not be consecutive; errors are keyed `rank_<uuid>`."""
    locked = _lock(post.round)
    refuse(director_window_error(locked, today))
    applicants = set(post.choices.values_list("trainee_id", flat=True))
    errors: dict[str, str] = {}
    taken: dict[int, Trainee] = {}
    for trainee, rank in ranks.items():
        key = f"rank_{trainee.uuid}"
        if trainee.pk not in applicants:
            errors[key] = f"{trainee.full_name} did not apply for this post"
        elif rank is not None and rank < 1:
            errors[key] = f"The rank for {trainee.full_name} must be 1 or more"
        elif rank in taken:
            errors[key] = f"{trainee.full_name} and {taken[rank].full_name} are both ranked {rank}"
        elif rank is not None:
            taken[rank] = trainee
    if errors:
        raise ValidationError(errors)
    ranked = [taken[rank] for rank in sorted(taken)]
    ApplicantRank.objects.filter(post=post).delete()
    ApplicantRank.objects.bulk_create([ApplicantRank(post=post, trainee=trainee, rank=rank)
                                       for rank, trainee in enumerate(ranked, 1)])
    RoundPost.objects.filter(pk=post.pk).update(ranked_at=timezone.now(), ranked_by=by)
    return ranked


def starting_orders(post_ids: Sequence[int]) -> dict[int, list[int]]:
    """Each post's applicants, best match score first (then by GMC number, so ties are
    broken the same way every time): the order offered to directors, and used for a
    post whose director did not rank."""
    applicants: dict[int, list[tuple[int, str]]] = {pk: [] for pk in post_ids}
    for post_id, trainee_id, gmc in TraineeChoice.objects.filter(post_id__in=post_ids).values_list(
            "post_id", "trainee_id", "trainee__gmc_number"):
        applicants[post_id].append((trainee_id, gmc))
    vacancy_to_post = dict(RoundPost.objects.filter(pk__in=post_ids).values_list("vacancy_id", "pk"))
    scores = {(vacancy_to_post[vacancy_id], trainee_id): score
              for vacancy_id, trainee_id, score in Match.objects.filter(
                  vacancy_id__in=vacancy_to_post).values_list("vacancy_id", "trainee_id", "score")}

    def best_first(post_id: int, people: list[tuple[int, str]]) -> list[int]:
        # Highest score first; GMC number breaks ties, so the order never depends on the database.
        return [trainee_id for trainee_id, _ in sorted(
            people, key=lambda person: (-scores.get((post_id, person[0]), -1.0), person[1]))]

    return {post_id: best_first(post_id, people) for post_id, people in applicants.items()}


# -- running, reproducing and publishing ---------------------------------------------

def round_inputs(round: AllocationRound) -> dict:
    """Everything the algorithm is given, as plain JSON: places, each trainee's choices,
    each post's ranking, and which posts fell back to the starting order."""
    posts = dict(round.posts.order_by("pk").values_list("pk", "places"))
    choices: dict[str, list[int]] = {}
    for trainee_id, post_id in TraineeChoice.objects.filter(round=round).order_by(
            "trainee_id", "rank").values_list("trainee_id", "post_id"):
        choices.setdefault(str(trainee_id), []).append(post_id)
    rankings: dict[str, list[int]] = {str(pk): [] for pk in posts}
    for post_id, trainee_id in ApplicantRank.objects.filter(post__round=round).order_by(
            "post_id", "rank").values_list("post_id", "trainee_id"):
        rankings[str(post_id)].append(trainee_id)
    unranked = list(round.posts.filter(ranked_at__isnull=True).order_by("pk").values_list("pk", flat=True))
    for post_id, order in starting_orders(unranked).items():
        rankings[str(post_id)] = order
    return {"version": 1, "places": {str(pk): count for pk, count in posts.items()},
            "choices": choices, "rankings": rankings, "starting_order": unranked}


def inputs_digest(inputs: dict) -> str:
    canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def solve(inputs: dict) -> dict[int, int | None]:
    """Run deferred acceptance on stored inputs: trainee id → post id, or None."""
    return deferred_acceptance(
        {int(trainee): choices for trainee, choices in inputs["choices"].items()},
        {int(post): ranking for post, ranking in inputs["rankings"].items()},
        {int(post): count for post, count in inputs["places"].items()},
    )


@transaction.atomic
def round_run(*, round: AllocationRound, by: User, today: dt.date | None = None) -> AllocationRound:
    """Freeze the inputs, place every trainee who ranked posts, and keep it all.

    All or nothing: a failure leaves the round open with no placements, to run again."""
    locked = _lock(round)
    refuse(run_error(locked, today))
    inputs = round_inputs(locked)
    _write_allocations(locked, inputs, solve(inputs))
    locked.inputs, locked.inputs_digest = inputs, inputs_digest(inputs)
    locked.status, locked.run_at, locked.run_by = Status.MATCHED, timezone.now(), by
    locked.save()
    return locked


def _write_allocations(round: AllocationRound, inputs: dict, placed: dict[int, int | None]) -> None:
    Allocation.objects.filter(round=round).delete()
    rows = []
    for trainee_id, post_id in sorted(placed.items()):
        choice = inputs["choices"][str(trainee_id)].index(post_id) + 1 if post_id else None
        rows.append(Allocation(round=round, trainee_id=trainee_id, post_id=post_id, choice=choice))
    Allocation.objects.bulk_create(rows, batch_size=2000)


def round_reproduces(round: AllocationRound) -> bool:
    """Solving the stored inputs again gives the stored placements, and the inputs are
    the ones the digest was taken of."""
    if round.inputs is None:
        return False
    stored = dict(round.allocations.values_list("trainee_id", "post_id"))
    return inputs_digest(round.inputs) == round.inputs_digest and solve(round.inputs) == stored


@transaction.atomic
def round_publish(*, round: AllocationRound, by: User) -> AllocationRound:
    """Tell trainees their outcome; placements join portfolios and the directors' records.

    Written in bulk: a national-sized round has thousands of trainees, and publishing
    happens in one request."""
    locked = _lock(round)
    refuse(publish_error(locked))
    allocations = list(locked.allocations.select_related(
        "trainee__user", "post__vacancy__trust", "post__vacancy__role_type"))
    placed = [a for a in allocations if a.post is not None]
    # Written in bulk, each change with its history row naming who published the round.
    _record_appointments(placed, by)
    _add_roles_to_portfolios(placed, how=f"Placed through the allocation round {locked.name}.", by=by)
    emails.outcomes_queue(locked, allocations)
    _mark_full_posts_filled(locked, by)
    locked.status, locked.published_at, locked.published_by = Status.PUBLISHED, timezone.now(), by
    locked.save()
    return locked


def _post(allocation: Allocation) -> RoundPost:
    """The post a placed trainee got (only placements with a post are passed around here)."""
    assert allocation.post is not None
    return allocation.post


def _record_appointments(placed: list[Allocation], by: User) -> None:
    """Each placement is an appointment in the trust's records (as in the director's journey)."""
    pairs = {(a.trainee_id, _post(a).vacancy_id) for a in placed}
    existing = [i for i in Interest.objects.filter(trainee_id__in={t for t, _ in pairs},
                                                    vacancy_id__in={v for _, v in pairs})
                if (i.trainee_id, i.vacancy_id) in pairs]
    for interest in existing:
        interest.status = Interest.Status.APPOINTED
        interest.updated_at = timezone.now()
    bulk_update_with_history(existing, Interest, ["status", "updated_at"], batch_size=1000,
                             default_user=by)
    have = {(i.trainee_id, i.vacancy_id) for i in existing}
    bulk_create_with_history([
        Interest(trainee_id=t, vacancy_id=v, status=Interest.Status.APPOINTED)
        for t, v in sorted(pairs - have)], Interest, batch_size=1000, default_user=by)


def _add_roles_to_portfolios(placed: list[Allocation], how: str, by: User) -> None:
    have = set(LeadershipRole.objects.filter(
        trainee_id__in=[a.trainee_id for a in placed], vacancy__isnull=False).values_list(
        "trainee_id", "vacancy_id"))
    added = [a for a in placed if (a.trainee_id, _post(a).vacancy_id) not in have]
    bulk_create_with_history([portfolio_role(trainee=a.trainee, vacancy=_post(a).vacancy, how=how)
                              for a in added], LeadershipRole, batch_size=1000, default_user=by)
    for allocation in added:  # a role held counts in their matches: each is rematched
        trainee_request_rematch(trainee=allocation.trainee)


def _mark_full_posts_filled(round: AllocationRound, by: User) -> None:
    full = [post.vacancy_id for post in round.posts.annotate(placed=Count("allocations"))
            if post.placed >= post.places]
    vacancies = list(Vacancy.objects.filter(pk__in=full))
    for vacancy in vacancies:
        vacancy.status, vacancy.updated_at = Vacancy.Status.FILLED, timezone.now()
    bulk_update_with_history(vacancies, Vacancy, ["status", "updated_at"], batch_size=1000,
                             default_user=by)
    remove_closed_vacancy_matches(vacancy_ids=full)  # the appointed keep theirs (interest)
