"""The bulk assignment is optimal (equal to brute force) and respects capacity."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.assignment import optimal_assignment, score_matrix, total


def brute_force_best(scores: np.ndarray, capacity: list[int]) -> float:
    """Try every way of giving each trainee a mentor or none, within capacity."""
    trainees, mentors = scores.shape
    best = 0.0
    for choice in itertools.product([None, *range(mentors)], repeat=trainees):
        used = [choice.count(m) for m in range(mentors)]
        if all(u <= c for u, c in zip(used, capacity, strict=True)):
            best = max(best, sum(scores[t, m] for t, m in enumerate(choice) if m is not None))
    return best


@st.composite
def instances(draw):
    trainees = draw(st.integers(1, 5))
    mentors = draw(st.integers(1, 3))
    scores = np.array(draw(st.lists(st.lists(st.integers(0, 9), min_size=mentors, max_size=mentors),
                                    min_size=trainees, max_size=trainees)), dtype=float)
    capacity = draw(st.lists(st.integers(0, 3), min_size=mentors, max_size=mentors))
    return scores, capacity


@settings(max_examples=300, deadline=None)
@given(instances())
def test_the_assignment_is_as_good_as_brute_force(case):
    scores, capacity = case
    pairs = optimal_assignment(scores, np.array(capacity))
    assert total(scores, pairs) == brute_force_best(scores, capacity)


@settings(max_examples=200, deadline=None)
@given(instances())
def test_no_mentor_over_capacity_and_no_trainee_twice(case):
    scores, capacity = case
    pairs = optimal_assignment(scores, np.array(capacity))
    assert len({t for t, _ in pairs}) == len(pairs)
    for m, cap in enumerate(capacity):
        assert sum(1 for _, mm in pairs if mm == m) <= cap


def test_scores_weigh_needed_domains_and_region():
    needs = np.array([[1.0, 0, 0, 0, 0], [0, 0, 0, 0, 1.0]])
    expertise = np.array([[1.0, 0, 0, 0, 0], [0, 0, 0, 0, 1.0]])
    scores = score_matrix(needs, expertise, np.array([7, 8]), np.array([7, 9]))
    assert scores.tolist() == [[2.0, 0.0], [0.0, 1.0]]
    assert optimal_assignment(scores, np.array([1, 1])) == [(0, 0), (1, 1)]
