"""Deferred acceptance: stable, trainee-optimal and deterministic, over random instances.

Two independent checks of `deferred_acceptance`:
- on small instances, every possible placement is enumerated; the result must be
  stable and give each trainee the best post they get in any stable placement;
- on larger instances, it must equal a reference implementation written the textbook
  way (all unplaced trainees propose at once, round by round).
"""

import io
import itertools
import random

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from allocation.algorithm import blocking_pairs, deferred_acceptance
from allocation.models import AllocationRound


@st.composite
def instances(draw, max_trainees: int = 6, max_posts: int = 4, max_places: int = 2):
    """Random trainees' choices, posts' rankings of those who applied, and places."""
    posts = [f"p{n}" for n in range(draw(st.integers(1, max_posts)))]
    trainees = [f"t{n}" for n in range(draw(st.integers(0, max_trainees)))]
    choices = {t: draw(st.permutations(posts).flatmap(
        lambda order: st.integers(0, len(order)).map(lambda k, order=order: list(order[:k]))))
        for t in trainees}
    applicants = {p: [t for t in trainees if p in choices[t]] for p in posts}
    # A post ranks some of its applicants (others are unacceptable), in any order.
    rankings = {p: draw(st.permutations(applicants[p]).flatmap(
        lambda order: st.integers(0, len(order)).map(lambda k, order=order: list(order[:k]))))
        for p in posts}
    places = {p: draw(st.integers(0, max_places)) for p in posts}
    return choices, rankings, places


def reference_deferred_acceptance(choices, rankings, places):
    """The textbook rounds: every unplaced trainee proposes to their next choice at once;
    each post keeps its best proposers (held and new) up to its places, rejects the rest."""
    next_choice = dict.fromkeys(choices, 0)
    held = {p: [] for p in places}
    while True:
        placed = {t for ts in held.values() for t in ts}
        proposers = [t for t in choices if t not in placed and next_choice[t] < len(choices[t])]
        if not proposers:
            break
        for t in proposers:
            post = choices[t][next_choice[t]]
            next_choice[t] += 1
            if t in rankings[post]:
                held[post].append(t)
        for p in held:
            held[p] = sorted(held[p], key=rankings[p].index)[:places[p]]
    result = dict.fromkeys(choices)
    for p, ts in held.items():
        for t in ts:
            result[t] = p
    return result


def all_stable_placements(choices, rankings, places):
    """Every placement that respects places and acceptability and has no blocking pair."""
    trainees = list(choices)
    options = [[None, *[p for p in choices[t] if t in rankings[p]]] for t in trainees]
    for picked in itertools.product(*options):
        placement = dict(zip(trainees, picked, strict=True))
        taken = [p for p in picked if p is not None]
        if any(taken.count(p) > places[p] for p in set(taken)):
            continue
        if not blocking_pairs(choices, rankings, places, placement):
            yield placement


def preference(choices, trainee, post) -> int:
    """Lower is better; unplaced is worst of all."""
    return choices[trainee].index(post) if post is not None else len(choices[trainee])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(instances())
def test_stable_and_best_for_every_trainee_among_all_stable_placements(instance):
    choices, rankings, places = instance
    result = deferred_acceptance(choices, rankings, places)
    assert blocking_pairs(choices, rankings, places, result) == []
    stable = list(all_stable_placements(choices, rankings, places))
    assert result in stable
    for other in stable:
        for trainee in choices:
            assert preference(choices, trainee, result[trainee]) <= preference(
                choices, trainee, other[trainee])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(instances(max_trainees=40, max_posts=12, max_places=4))
def test_equal_to_the_reference_implementation(instance):
    choices, rankings, places = instance
    result = deferred_acceptance(choices, rankings, places)
    assert result == reference_deferred_acceptance(choices, rankings, places)
    assert blocking_pairs(choices, rankings, places, result) == []
    for trainee, post in result.items():  # places are kept and only accepted pairs placed
        assert post is None or (post in choices[trainee] and trainee in rankings[post])
    for post, count in places.items():
        assert sum(1 for p in result.values() if p == post) <= count


@settings(max_examples=100, deadline=None, derandomize=True)
@given(instances(max_trainees=30, max_posts=10, max_places=3), st.randoms(use_true_random=False))
def test_the_order_inputs_arrive_in_does_not_change_the_result(instance, rng):
    choices, rankings, places = instance
    shuffled = list(choices.items())
    rng.shuffle(shuffled)
    posts = list(places.items())
    rng.shuffle(posts)
    assert deferred_acceptance(dict(shuffled), rankings, dict(posts)) == deferred_acceptance(
        choices, rankings, places)


def test_a_known_instance():
    # Ann and Bea both want the ward post first; its director prefers Bea, so Ann gets
    # her second choice. Cal wants only the ward post, which is full with better-ranked.
    choices = {"ann": ["ward", "theatre"], "bea": ["ward"], "cal": ["ward"]}
    rankings = {"ward": ["bea", "ann", "cal"], "theatre": ["ann"]}
    places = {"ward": 1, "theatre": 1}
    assert deferred_acceptance(choices, rankings, places) == {
        "ann": "theatre", "bea": "ward", "cal": None}


def test_a_blocking_pair_is_found():
    choices = {"ann": ["ward"], "bea": ["ward"]}
    rankings = {"ward": ["ann", "bea"]}
    assert blocking_pairs(choices, rankings, {"ward": 1}, {"ann": None, "bea": "ward"}) == [("ann", "ward")]


@pytest.mark.parametrize("choices, rankings, places, message", [
    ({"ann": ["ward", "ward"]}, {"ward": []}, {"ward": 1}, "more than once"),
    ({"ann": ["ghost"]}, {}, {"ward": 1}, "not in the round"),
    ({"ann": []}, {"ward": ["ann", "ann"]}, {"ward": 1}, "more than once"),
])
def test_malformed_inputs_are_refused(choices, rankings, places, message):
    with pytest.raises(ValueError, match=message):
        deferred_acceptance(choices, rankings, places)


def test_large_random_instance_is_stable():
    rng = random.Random(5)
    posts = [f"p{n}" for n in range(200)]
    choices = {f"t{n}": rng.sample(posts, rng.randint(0, 10)) for n in range(2000)}
    rankings = {p: [] for p in posts}
    for t, picked in choices.items():
        for p in picked:
            rankings[p].append(t)
    for p in posts:
        rng.shuffle(rankings[p])
    places = {p: rng.randint(1, 5) for p in posts}
    result = deferred_acceptance(choices, rankings, places)
    assert blocking_pairs(choices, rankings, places, result) == []
    assert result == reference_deferred_acceptance(choices, rankings, places)


@pytest.mark.django_db
def test_the_benchmark_command_builds_solves_and_rolls_back():


    out = io.StringIO()
    call_command("bench_allocation", "--trainees", "300", "--posts", "40", "--places", "3",
                 "--choices", "5", "--repeats", "1", "--database", stdout=out)
    assert "0 blocking pairs" in out.getvalue()
    assert "Whole round_run on the database" in out.getvalue()
    assert not AllocationRound.objects.exists()  # its data was rolled back
