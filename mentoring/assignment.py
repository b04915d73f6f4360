"""Optimal assignment of trainees to mentors under capacity (scipy, not a greedy loop).

Each mentor's free places become columns ("slots"), so the capacitated problem is a
plain rectangular assignment, which `scipy.optimize.linear_sum_assignment` solves
exactly. Scores are never negative, so assigning someone never lowers the total.
"""

import numpy as np
from scipy.optimize import linear_sum_assignment

SAME_REGION_BONUS = 1.0


def score_matrix(needs: np.ndarray, expertise: np.ndarray, trainee_region: np.ndarray,
                 mentor_region: np.ndarray) -> np.ndarray:
    """Trainees × mentors: expertise in the domains each trainee needs, plus the same region.

    `needs` (T × D) weighs each MLCF domain by how much the trainee needs it (1 minus
    their strength there); `expertise` (M × D) is 1 where the mentor offers the domain.
    D is the number of domains in the reference data (five in the MLCF).
    """
    return needs @ expertise.T + SAME_REGION_BONUS * (trainee_region[:, None] == mentor_region[None, :])


def optimal_assignment(scores: np.ndarray, capacity: np.ndarray) -> list[tuple[int, int]]:
    """(trainee, mentor) pairs maximising the total score; no mentor over capacity."""
    if len(capacity) == 0 or scores.shape[0] == 0:  # no mentor with room, or nobody to place
        return []
    slots = np.repeat(np.arange(len(capacity)), np.maximum(np.asarray(capacity, dtype=int), 0))
    if len(slots) == 0:
        return []
    rows, cols = linear_sum_assignment(scores[:, slots], maximize=True)
    return sorted((int(r), int(slots[c])) for r, c in zip(rows, cols, strict=True))


def total(scores: np.ndarray, pairs: list[tuple[int, int]]) -> float:
    return float(sum(scores[t, m] for t, m in pairs))
