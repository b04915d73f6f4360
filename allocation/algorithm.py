"""Applicant-proposing deferred acceptance with capacities (Gale and Shapley; Roth).

This is the hospitals/residents algorithm the residency match uses. Trainees propose
to posts in the order they ranked them; each post holds on to the applicants it ranks
best, up to its number of places, and lets the rest go to propose further down their
lists. The result is stable (no trainee and post both prefer each other to what they
got) and the best stable result for every trainee at once. Because that result is
unique, it does not depend on the order in which proposals are made: the same inputs
always give the same placements.

Pure Python on plain values, so it can be property-tested and benchmarked on its own.
"""

from collections.abc import Hashable, Mapping, Sequence
from heapq import heappush, heapreplace
from typing import TypeVar

T = TypeVar("T", bound=Hashable)  # a trainee
P = TypeVar("P", bound=Hashable)  # a post


def deferred_acceptance(
    trainee_choices: Mapping[T, Sequence[P]],
    post_rankings: Mapping[P, Sequence[T]],
    places: Mapping[P, int],
) -> dict[T, P | None]:
    """Place each trainee in a post, or in none.

    trainee_choices: each trainee's posts, most wanted first.
    post_rankings: each post's acceptable applicants, best first; an applicant a post
        does not rank is one it will not take.
    places: how many trainees each post takes.
    """
    _check(trainee_choices, post_rankings, places)
    rank_at = {post: {trainee: rank for rank, trainee in enumerate(ranking)}
               for post, ranking in post_rankings.items()}
    # Each post's held applicants as a heap keyed on minus their rank, so the applicant
    # the post likes least is on top, ready to be displaced by a better one.
    held: dict[P, list[tuple[int, T]]] = {post: [] for post in places}
    next_choice = dict.fromkeys(trainee_choices, 0)
    free = list(reversed(list(trainee_choices)))
    while free:
        trainee = free.pop()
        choices, index = trainee_choices[trainee], next_choice[trainee]
        if index == len(choices):
            continue  # every choice has said no: unplaced
        next_choice[trainee] = index + 1
        post = choices[index]
        rank = rank_at.get(post, {}).get(trainee)
        heap = held[post]
        if rank is None or places[post] == 0:
            free.append(trainee)
        elif len(heap) < places[post]:
            heappush(heap, (-rank, trainee))
        elif rank < -heap[0][0]:
            _, displaced = heapreplace(heap, (-rank, trainee))
            free.append(displaced)
        else:
            free.append(trainee)
    placed = {trainee: post for post, heap in held.items() for _, trainee in heap}
    return {trainee: placed.get(trainee) for trainee in trainee_choices}


def _check(trainee_choices: Mapping, post_rankings: Mapping, places: Mapping) -> None:
    """Inputs the algorithm's guarantees rely on: strict rankings over known posts."""
    for trainee, choices in trainee_choices.items():
        unknown = set(choices) - set(places)
        if unknown:
            raise ValueError(f"Trainee {trainee} ranks posts that are not in the round: {unknown}")
        if len(set(choices)) != len(choices):
            raise ValueError(f"Trainee {trainee} ranks a post more than once")
    for post, ranking in post_rankings.items():
        if post not in places:
            raise ValueError(f"Post {post} is ranked but not in the round")
        if len(set(ranking)) != len(ranking):
            raise ValueError(f"Post {post} ranks an applicant more than once")
    if any(count < 0 for count in places.values()):
        raise ValueError("A post cannot have fewer than no places")


def blocking_pairs(
    trainee_choices: Mapping[T, Sequence[P]],
    post_rankings: Mapping[P, Sequence[T]],
    places: Mapping[P, int],
    placement: Mapping[T, P | None],
) -> list[tuple[T, P]]:
    """Trainee and post pairs who would both rather have each other: none if stable."""
    rank_at = {post: {trainee: rank for rank, trainee in enumerate(ranking)}
               for post, ranking in post_rankings.items()}
    holders: dict[P, list[T]] = {post: [] for post in places}
    for trainee, post in placement.items():
        if post is not None:
            holders[post].append(trainee)
    pairs = []
    for trainee, choices in trainee_choices.items():
        current = placement.get(trainee)
        better = choices[:choices.index(current)] if current is not None else choices
        for post in better:
            rank = rank_at.get(post, {}).get(trainee)
            if rank is None:
                continue
            taken = holders[post]
            if len(taken) < places[post] or any(rank_at[post][other] > rank for other in taken):
                pairs.append((trainee, post))
    return pairs
