"""Statistical disclosure control for tables of people by a protected characteristic.

docs/disclosure.md gives the rules in plain words. In short: a reader is assumed to know
everything staff can see (who is at each stage of the pipeline, so how many people share each
pattern of stages) and everything the table shows. From that, no count of people below 5 in a
group (zero included) may be worked out exactly: not a cell, not a difference between nested
stages, not the people left over once the shown cells are taken from a total.

`protect` withholds the cells under 5 (primary suppression), then plays the attacker: it works
out, by integer programming, the least and the most each unknown count could be given what is
shown, and withholds one more cell wherever a small count is pinned down (secondary
suppression), until nothing small can be worked out.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

THRESHOLD = 5
WITHHELD = None  # a cell not shown

Pattern = frozenset[str]  # the stages one person is at


@dataclass(frozen=True)
class Table:
    """People by stage (rows) and group (columns). `atoms` is what the reader already knows:
    how many people have each pattern of stages. `true` holds the real counts per pattern
    and group, which never leave this module except through `shown`."""

    stages: tuple[str, ...]
    groups: tuple[Hashable, ...]
    true: dict[tuple[Pattern, Hashable], int]

    @classmethod
    def of(cls, stages: Sequence[str], groups: Sequence[Hashable],
           people: Iterable[tuple[Pattern, Hashable]]) -> "Table":
        true: dict[tuple[Pattern, Hashable], int] = {}
        for pattern, group in people:
            if pattern:
                true[(pattern, group)] = true.get((pattern, group), 0) + 1
        return cls(tuple(stages), tuple(groups), true)

    @property
    def atoms(self) -> dict[Pattern, int]:
        sizes: dict[Pattern, int] = {}
        for (pattern, _), n in self.true.items():
            sizes[pattern] = sizes.get(pattern, 0) + n
        return sizes

    def cell(self, stage: str, group: Hashable) -> int:
        return sum(n for (pattern, g), n in self.true.items() if g == group and stage in pattern)

    def total(self, stage: str) -> int:
        return sum(n for pattern, n in self.atoms.items() if stage in pattern)


Cell = tuple[str, Hashable]  # (stage, group)


def protect(table: Table) -> dict[Cell, int | None]:
    """Every cell of the table: its count, or WITHHELD."""
    cells = {(s, g): table.cell(s, g) for s in table.stages for g in table.groups}
    withheld = {c for c, n in cells.items() if n < THRESHOLD}
    while True:
        shown = {c: (None if c in withheld else n) for c, n in cells.items()}
        leak = first_leak(table.stages, table.groups, table.atoms, shown)
        if leak is None:
            return shown
        withheld.add(_next_to_withhold(leak, shown))


def _next_to_withhold(leak: "Leak", shown: dict[Cell, int | None]) -> Cell:
    """The smallest shown cell that helps pin down the leak: same group and one of its stages
    first, then any of its stages, then any cell at all."""
    visible = {c: n for c, n in shown.items() if n is not None}
    for near in (lambda c: c[1] == leak.group and c[0] in leak.stages,
                 lambda c: c[0] in leak.stages,
                 lambda c: True):
        candidates = [(n, repr(c), c) for c, n in visible.items() if near(c)]
        if candidates:
            return min(candidates)[2]
    raise AssertionError("a leak with every cell withheld: the atoms alone cannot pin a group")


@dataclass(frozen=True)
class Leak:
    """A count below the threshold that can be worked out exactly."""

    stages: frozenset[str]  # the pattern (or the one stage) the count is about
    group: Hashable
    value: int


def first_leak(stages: Sequence[str], groups: Sequence[Hashable], atoms: dict[Pattern, int],
               shown: dict[Cell, int | None]) -> Leak | None:
    """Play the attacker: the first small count that what is shown pins down, or None."""
    remainder = _small_remainder(stages, groups, atoms, shown)
    if remainder is not None:
        return remainder
    patterns = sorted((p for p, n in atoms.items() if n > 0), key=sorted)
    if not patterns:
        return None  # nobody at any stage: nothing to learn
    index = {(p, g): i for i, (p, g) in enumerate((p, g) for p in patterns for g in groups)}
    system = _constraints(patterns, groups, atoms, shown, index)
    for about, group, members in _counts_a_reader_could_want(stages, groups, patterns, shown):
        objective = np.zeros(len(index))
        for p in members:
            objective[index[(p, group)]] = 1
        value = _pinned_small(objective, system)
        if value is not None:
            return Leak(about, group, value)
    return None


def _small_remainder(stages, groups, atoms, shown) -> Leak | None:
    """A row's total less its shown cells is what its withheld cells add up to: under 5
    (zero included), it says something about every withheld group at once. A row with every
    cell withheld is exempt: its remainder is its total, which staff know anyway."""
    for stage in stages:
        cells = [shown[(stage, g)] for g in groups]
        withheld = [g for g, n in zip(groups, cells, strict=True) if n is None]
        if withheld and len(withheld) < len(groups):
            total = sum(n for p, n in atoms.items() if stage in p)
            left = total - sum(n for n in cells if n is not None)
            if left < THRESHOLD:
                return Leak(frozenset([stage]), withheld[0], left)
    return None


def _counts_a_reader_could_want(stages, groups, patterns, shown):
    """(what the count is about, group, the patterns it adds up): each group within each
    pattern of stages, each withheld cell, and each difference between nested stages
    (people at one stage but not at another that lies within it)."""
    for pattern in patterns:
        for group in groups:
            yield pattern, group, [pattern]
    for (stage, group), n in shown.items():
        at_stage = [p for p in patterns if stage in p]
        if n is None and at_stage:
            yield frozenset([stage]), group, at_stage
    for outer in stages:
        for inner in stages:
            within = [p for p in patterns if inner in p]
            if outer == inner or not within or not all(outer in p for p in within):
                continue
            between = [p for p in patterns if outer in p and inner not in p]
            if between:
                for group in groups:
                    yield frozenset([outer, f"not {inner}"]), group, between


def _constraints(patterns, groups, atoms, shown, index) -> LinearConstraint:
    rows, bounds = [], []
    for p in patterns:  # everyone with a pattern is in exactly one group
        row = np.zeros(len(index))
        for g in groups:
            row[index[(p, g)]] = 1
        rows.append(row)
        bounds.append(atoms[p])
    for (stage, group), n in shown.items():  # each shown cell
        if n is not None:
            row = np.zeros(len(index))
            for p in patterns:
                if stage in p:
                    row[index[(p, group)]] = 1
            rows.append(row)
            bounds.append(n)
    values = np.array(bounds, dtype=float)
    return LinearConstraint(np.array(rows), values, values)


def _pinned_small(objective: np.ndarray, system: LinearConstraint) -> int | None:
    """The count `objective` sums, if every table consistent with what is shown gives it the
    same value and that value is below the threshold."""
    integral = np.ones(len(objective))
    bounds = Bounds(0, np.inf)
    low = milp(objective, constraints=system, integrality=integral, bounds=bounds)
    if low.status != 0 or round(low.fun) >= THRESHOLD:
        return None
    high = milp(-objective, constraints=system, integrality=integral, bounds=bounds)
    if round(-high.fun) == round(low.fun):
        return round(low.fun)
    return None


G = TypeVar("G", bound=Hashable)


def protect_partition(counts: Mapping[G, int]) -> dict[G, int | None]:
    """`protect` for a table of one stage whose total the reader knows: each person in exactly
    one group (a month's returners by region, alumni by stewardship status).

    The same rules, without integer programming: with one stage, a withheld count is pinned
    only when it is the only one withheld or the withheld ones add up to 0, and both leave a
    remainder under 5, which `_small_remainder` already catches. So: withhold what is under 5,
    then the smallest shown count while the withheld ones add up to under 5 (and not every
    count is withheld). tests/pipeline/test_forecast.py checks it agrees with `protect`.
    """
    shown: dict[G, int | None] = {g: (None if n < THRESHOLD else n) for g, n in counts.items()}
    total = sum(counts.values())
    while True:
        withheld = [g for g, n in shown.items() if n is None]
        visible = {g: n for g, n in shown.items() if n is not None}
        if not withheld or not visible or total - sum(visible.values()) >= THRESHOLD:
            return shown
        smallest = min(visible.items(), key=lambda item: (item[1], repr(item[0])))[0]
        shown[smallest] = None
