"""Time the bulk mentor assignment at scale (figure in docs/performance.md)."""

import time

import numpy as np
from django.core.management.base import BaseCommand

from mentoring.assignment import optimal_assignment, score_matrix

DOMAINS = 5  # the MLCF's, for synthetic needs and expertise


class Command(BaseCommand):
    help = "Solve an optimal assignment of N trainees to M mentors (random capacities 1 to 4)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--trainees", type=int, default=2000)
        parser.add_argument("--mentors", type=int, default=500)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, trainees: int, mentors: int, seed: int, **options) -> None:
        rng = np.random.default_rng(seed)
        needs = rng.random((trainees, DOMAINS))
        expertise = (rng.random((mentors, DOMAINS)) < 0.4).astype(float)
        capacity = rng.integers(1, 5, size=mentors)
        started = time.perf_counter()
        scores = score_matrix(needs, expertise, rng.integers(0, 19, trainees), rng.integers(0, 19, mentors))
        pairs = optimal_assignment(scores, capacity)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{trainees:,} trainees × {mentors:,} mentors ({int(capacity.sum()):,} places): "
                          f"{len(pairs):,} assigned, optimal, in {elapsed:.2f} s")
