"""How fast a round is solved at national scale (figures for docs/performance.md).

Two measurements on the same random instance:
- the algorithm alone, on plain values (what the ≤ 2 s target is about);
- a whole `round_run` on the database: load the rankings, solve, write every trainee's
  placement. Its data is built inside a transaction that is rolled back afterwards.
"""

import datetime as dt
import random
import statistics
import time
from itertools import accumulate

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from allocation.algorithm import blocking_pairs, deferred_acceptance
from allocation.models import AllocationRound, ApplicantRank, RoundPost, TraineeChoice
from allocation.services import round_publish, round_run
from pipeline.models import Vacancy
from reference.models import Grade, LeadershipRoleType, Region, Specialty, Trust
from trainees.models import Trainee


def random_instance(*, trainees: int, posts: int, places: int, choices: int, seed: int):
    """Every trainee ranks `choices` posts, the popular ones more often (Zipf-like, as in
    real rounds); each post's director ranks all of its applicants, in random order."""
    rng = random.Random(seed)
    post_ids = list(range(posts))
    cumulative = list(accumulate(1 / (rank + 1) ** 0.8 for rank in post_ids))
    trainee_choices = {}
    for trainee in range(trainees):
        picked: dict[int, None] = {}
        while len(picked) < min(choices, posts):
            picked.setdefault(rng.choices(post_ids, cum_weights=cumulative)[0])
        trainee_choices[trainee] = list(picked)
    rankings: dict[int, list[int]] = {post: [] for post in post_ids}
    for trainee, ranked in trainee_choices.items():
        for post in ranked:
            rankings[post].append(trainee)
    for ranking in rankings.values():
        rng.shuffle(ranking)
    return trainee_choices, rankings, dict.fromkeys(post_ids, places)


def time_solve(instance, repeats: int) -> tuple[list[float], dict]:
    timings, result = [], {}
    for _ in range(repeats):
        started = time.perf_counter()
        result = deferred_acceptance(*instance)
        timings.append(time.perf_counter() - started)
    return timings, result


def summary(instance, result) -> str:
    choices, rankings, places = instance
    placed = [post for post in result.values() if post is not None]
    first = sum(1 for trainee, post in result.items() if post is not None and choices[trainee][0] == post)
    pairs = blocking_pairs(choices, rankings, places, result)
    return (f"{len(placed)} of {len(choices)} trainees placed ({first} at their first choice), "
            f"{sum(places.values()) - len(placed)} places unfilled, {len(pairs)} blocking pairs")


def time_round_run(instance, *, seed: int) -> tuple[float, float]:
    """Build the instance as a real round, time `round_run` and `round_publish`, then roll
    everything back (the emails publishing queues are never sent)."""

    class Rollback(Exception):
        pass

    run = publish = 0.0
    try:
        with transaction.atomic():
            round, staff = _build_round(instance, seed=seed)
            started = time.perf_counter()
            round_run(round=round, by=staff, today=round.director_deadline + dt.timedelta(days=1))
            run = time.perf_counter() - started
            started = time.perf_counter()
            round_publish(round=round, by=staff)
            publish = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return run, publish


def _build_round(instance, *, seed: int):

    choices, rankings, places = instance
    region = Region.objects.create(code=f"bench-{seed}", name=f"Benchmark region {seed}",
                                   kind=Region.Kind.HEE_LOCAL_OFFICE, nation="England")
    staff = User.objects.create_user(f"bench-{seed}@bench.example", None, first_name="Bench",
                                     last_name="Staff", role=Role.DEANERY_STAFF, region=region)
    trust = Trust.objects.create(ods_code="ZZZ", name="Benchmark trust", region=region)
    grade, specialty = Grade.objects.order_by("rank").first(), Specialty.objects.first()
    today = timezone.localdate()
    vacancies = Vacancy.objects.bulk_create([Vacancy(
        trust=trust, title=f"Post {post}", role_type=LeadershipRoleType.objects.first(), description="-",
        min_grade=grade, max_grade=grade, sessions_per_week=2, location="-", status=Vacancy.Status.OPEN,
        start_date=today + dt.timedelta(days=90), closing_date=today + dt.timedelta(days=30))
        for post in places], batch_size=1000)
    taken = set(Trainee.objects.values_list("gmc_number", flat=True))
    numbers = (f"{n:07d}" for n in range(1, 10_000_000) if f"{n:07d}" not in taken)
    trainees = Trainee.objects.bulk_create([Trainee(
        gmc_number=next(numbers), first_name="Bench", last_name=str(t), email=f"t{t}@bench.example",
        grade=grade, specialty=specialty, region=region) for t in choices], batch_size=2000)
    round = AllocationRound.objects.create(
        name="Benchmark round", region=region, status=AllocationRound.Status.OPEN,
        trainee_deadline=today - dt.timedelta(days=20), director_deadline=today - dt.timedelta(days=10))
    posts = RoundPost.objects.bulk_create([
        RoundPost(round=round, vacancy=vacancy, places=places[post], ranked_at=timezone.now())
        for post, vacancy in zip(places, vacancies, strict=True)], batch_size=1000)
    now = timezone.now()
    TraineeChoice.objects.bulk_create([
        TraineeChoice(round=round, trainee=trainees[t], post=posts[p], rank=rank, chosen_at=now)
        for t, picked in choices.items() for rank, p in enumerate(picked, 1)], batch_size=5000)
    ApplicantRank.objects.bulk_create([
        ApplicantRank(post=posts[p], trainee=trainees[t], rank=rank)
        for p, ranking in rankings.items() for rank, t in enumerate(ranking, 1)], batch_size=5000)
    return round, staff


def run(*, trainees: int, posts: int, places: int, choices: int, seed: int, repeats: int,
        database: bool) -> list[str]:
    instance = random_instance(trainees=trainees, posts=posts, places=places, choices=choices, seed=seed)
    timings, result = time_solve(instance, repeats)
    lines = [
        f"Instance: {trainees} trainees each ranking {choices} of {posts} posts with {places} places "
        f"(seed {seed}); every applicant ranked by each post.",
        f"Solve (deferred acceptance alone), {repeats} runs: median {statistics.median(timings):.2f} s, "
        f"slowest {max(timings):.2f} s.",
        f"Result: {summary(instance, result)}.",
    ]
    if database:
        run, publish = time_round_run(instance, seed=seed)
        lines.append("Whole round_run on the database (load rankings, solve, write placements): "
                     f"{run:.2f} s.")
        lines.append("round_publish (appointments, portfolio roles, outcome emails queued): "
                     f"{publish:.2f} s.")
    return lines
