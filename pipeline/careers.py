"""Career paths: where the alumni of the leadership schemes went, from their records.

docs/careers.md says what is counted and how it is kept anonymous. In short: each alumnus's
path starts at the scheme of their first completed fellowship, then follows the kinds of
leadership role they started after it (each role's kind mapped to a level: clinical lead,
clinical director, associate medical director, medical director), a new step only when the
level changes. Paths are counted as a tree (every step has the people who took the steps
before it), and a step is shown only when at least 5 people took it; smaller steps are
pooled into "another path", and the smallest shown step joins them while the pool holds
fewer than 5. Shown counts are rounded to the nearest 5, so two views that count almost
the same people (a region and a scheme, say) cannot be subtracted to find a small group.

Everything is read in two queries (the fellowships, the roles), whatever the numbers.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache

from accounts.models import Role, User
from reference.models import Region
from schemes.models import Fellowship, FellowshipQuerySet
from trainees.models import LeadershipRole, Trainee
from trainees.selectors import trainee_of

AT_LEAST = 5  # people behind every step shown, and every median
ROUND_TO = 5
MAX_ROLE_STEPS = 3  # the scheme, then up to three changes of level
DAYS_PER_MONTH = 30.44
CACHE_SECONDS = 300

TRAINING_ROLE = "Leadership role in training"
CLINICAL_LEAD = "Clinical lead"
CLINICAL_DIRECTOR = "Clinical director"
ASSOCIATE_MEDICAL_DIRECTOR = "Associate medical director"
MEDICAL_DIRECTOR = "Medical director"
OTHER_ROLE = "Another leadership role"
# The kinds of role in reference data (reference/data/role_types.json), by level. A kind not
# listed here (or a role with no kind) counts as another leadership role.
LEVEL_OF = {
    "chief-registrar": TRAINING_ROLE,
    "leadership-fellow": TRAINING_ROLE,
    "clinical-lead": CLINICAL_LEAD,
    "quality-improvement-lead": CLINICAL_LEAD,
    "patient-safety-lead": CLINICAL_LEAD,
    "project-lead": CLINICAL_LEAD,
    "clinical-director": CLINICAL_DIRECTOR,
    "associate-medical-director": ASSOCIATE_MEDICAL_DIRECTOR,
    "medical-director": MEDICAL_DIRECTOR,
}
LEVELS = (TRAINING_ROLE, CLINICAL_LEAD, CLINICAL_DIRECTOR, ASSOCIATE_MEDICAL_DIRECTOR, MEDICAL_DIRECTOR,
          OTHER_ROLE)
NO_ROLE_YET = "No leadership role recorded yet"
NO_LATER_ROLE = "No later role recorded yet"
POOLED = "Another path (fewer than 5 people each)"
OTHER_SCHEMES = "Another scheme (fewer than 5 people each)"
ENDINGS = (NO_ROLE_YET, NO_LATER_ROLE, POOLED, OTHER_SCHEMES)

# The trainee's grade is coarsened to its stage: alumni at one grade are too few to count.
STAGE_WORDS = {"foundation": "foundation training", "core": "core training",
               "specialty": "specialty training", "general_practice": "GP training"}

Path = tuple[str, ...]  # the scheme, then each level reached


@dataclass(frozen=True)
class Trajectory:
    """One alumnus's path: the scheme, then (level, months since the step before) for each
    change of level, in order."""

    scheme: str
    steps: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Step:
    """A step shown: the path to it, the people who took it (rounded) and the median months
    from the step before (None for an ending, or a pooled step)."""

    path: Path
    people: int
    median_months: int | None

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    @property
    def is_ending(self) -> bool:
        return self.name in ENDINGS


@dataclass(frozen=True)
class Careers:
    """The paths one reader may see: who is counted (in words), how many (rounded), and the
    steps, each after the step it comes from. `people` is 0 when fewer than 5 are counted,
    and then no step is shown."""

    counted: str
    people: int
    steps: list[Step] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        return bool(self.steps)


# -- reading the records --------------------------------------------------------------

def months_between(earlier: date, later: date) -> int:
    return round((later - earlier).days / DAYS_PER_MONTH)


def trajectories(fellowships: FellowshipQuerySet) -> list[Trajectory]:
    """Each alumnus's path from the first of `fellowships` they completed: two queries."""
    completed = fellowships.completed()
    first: dict[int, tuple[str, date]] = {}
    for trainee_id, scheme, done in completed.order_by("completed_on", "pk").values_list(
            "trainee_id", "cohort__scheme__short_name", "completed_on"):
        first.setdefault(trainee_id, (scheme, done))
    roles: dict[int, list[tuple[str | None, date]]] = defaultdict(list)
    for trainee_id, kind, start in LeadershipRole.objects.filter(
            trainee_id__in=completed.values("trainee_id")).order_by("start_date", "pk").values_list(
            "trainee_id", "role_type__code", "start_date"):
        roles[trainee_id].append((kind, start))
    return [Trajectory(scheme, _levels_after(done, roles.get(trainee_id, [])))
            for trainee_id, (scheme, done) in first.items()]


def _levels_after(done: date, roles: list[tuple[str | None, date]]) -> tuple[tuple[str, int], ...]:
    """The changes of level among roles started on or after `done`, with the months from the
    step before (the fellowship's completion, for the first)."""
    steps: list[tuple[str, int]] = []
    since = done
    for kind, start in roles:
        if start < done:
            continue
        level = LEVEL_OF.get(kind or "", OTHER_ROLE)
        if steps and steps[-1][0] == level:
            continue
        steps.append((level, months_between(since, start)))
        since = start
        if len(steps) == MAX_ROLE_STEPS:
            break
    return tuple(steps)


# -- counting and withholding -----------------------------------------------------------

@dataclass
class _Tree:
    people: dict[Path, int] = field(default_factory=lambda: defaultdict(int))
    months: dict[Path, list[int]] = field(default_factory=lambda: defaultdict(list))
    children: dict[Path, list[Path]] = field(default_factory=lambda: defaultdict(list))

    def add(self, path: Path, months: int | None = None) -> None:
        if path not in self.people and path:
            self.children[path[:-1]].append(path)
        self.people[path] += 1
        if months is not None:
            self.months[path].append(months)


def tree_of(paths: list[Trajectory]) -> _Tree:
    """Every prefix of every path, with the people who took it; a path that stops ends in
    "no (later) role recorded yet", so each step's next steps add up to its people."""
    tree = _Tree()
    for trajectory in paths:
        path: Path = ()
        tree.add(path)
        path = (trajectory.scheme,)
        tree.add(path)
        for level, months in trajectory.steps:
            path = (*path, level)
            tree.add(path, months)
        if len(trajectory.steps) < MAX_ROLE_STEPS:
            tree.add((*path, NO_LATER_ROLE if trajectory.steps else NO_ROLE_YET))
    return tree


def rounded(n: int) -> int:
    """To the nearest 5 (halves up): 5 to 7 show as 5, 8 to 12 as 10."""
    return (n + ROUND_TO // 2) // ROUND_TO * ROUND_TO


def shown_and_pooled(counts: dict[Path, int]) -> tuple[list[Path], int]:
    """Which next steps may be shown, and how many people are pooled as "another path".

    Steps under 5 are pooled; while the pool holds 1 to 4 people, the smallest shown step
    joins it, so that the pool (the step's people less the shown steps) is never a small
    number either. Ties break on the name, so the same figures always pool the same way."""
    order = sorted(counts, key=lambda p: (-counts[p], p))
    shown = [p for p in order if counts[p] >= AT_LEAST]
    pooled = sum(counts[p] for p in order if counts[p] < AT_LEAST)
    while 0 < pooled < AT_LEAST and shown:
        pooled += counts[shown.pop()]
    return shown, pooled


def protect(tree: _Tree) -> list[Step]:
    """The steps that may be shown, each after the step it comes from."""
    if tree.people.get((), 0) < AT_LEAST:
        return []
    steps: list[Step] = []
    _protect_below((), tree, steps)
    return steps


def _protect_below(parent: Path, tree: _Tree, steps: list[Step]) -> None:
    shown, pooled = shown_and_pooled({p: tree.people[p] for p in tree.children.get(parent, [])})
    for path in shown:
        months = tree.months.get(path, [])
        median = round(statistics.median(months)) if len(months) >= AT_LEAST else None
        steps.append(Step(path, rounded(tree.people[path]), median))
        _protect_below(path, tree, steps)
    if pooled:
        steps.append(Step((*parent, POOLED if parent else OTHER_SCHEMES), rounded(pooled), None))


def careers_of(fellowships: FellowshipQuerySet, counted: str) -> Careers:
    tree = tree_of(trajectories(fellowships))
    steps = protect(tree)
    if all(step.name in (POOLED, OTHER_SCHEMES) for step in steps):
        steps = []  # only "another scheme": nothing worth drawing yet
    return Careers(counted=counted, people=rounded(tree.people.get((), 0)) if steps else 0, steps=steps)


# -- who sees what -------------------------------------------------------------------------

def _cached(key: str, compute) -> Careers:
    careers = cache.get_or_set(f"careers:v1:{key}", compute, CACHE_SECONDS)
    assert careers is not None  # compute() never returns None
    return careers


def for_trainee(trainee: Trainee) -> Careers:
    """People who did what the trainee did: alumni of the scheme of their latest fellowship
    (every scheme, if they have none) at the same stage of training, in every region."""
    latest = (Fellowship.objects.filter(trainee=trainee).order_by("-start_date", "-pk")
              .values_list("cohort__scheme_id", "cohort__scheme__short_name").first())
    stage = trainee.grade.stage
    fellowships = Fellowship.objects.filter(trainee__grade__stage=stage)
    stage_words = STAGE_WORDS.get(stage, "training")
    if latest is None:
        counted = f"Alumni of every scheme now in {stage_words}, in every region"
        return _cached(f"stage:{stage}", lambda: careers_of(fellowships, counted))
    scheme_id, scheme = latest
    counted = f"Alumni of the {scheme} now in {stage_words}, in every region"
    return _cached(f"scheme:{scheme_id}:stage:{stage}",
                   lambda: careers_of(fellowships.filter(cohort__scheme_id=scheme_id), counted))


def for_region(region: Region) -> Careers:
    """The region's alumni, whatever their scheme (trainees of the region now)."""
    return _cached(f"region:{region.pk}", lambda: careers_of(
        Fellowship.objects.filter(trainee__region=region), f"Alumni in {region.name}"))


def national() -> Careers:
    return _cached("national", lambda: careers_of(Fellowship.objects.all(), "Alumni in every region"))


SEES_CAREERS = (Role.TRAINEE, Role.DEANERY_STAFF, Role.ADMINISTRATOR)


def careers_for(user: User) -> Careers | None:
    """What `user` may see, for the page and the API alike: trainees people who did what they
    did, staff their region, administrators every region; None for other roles."""
    if user.role == Role.TRAINEE:
        return for_trainee(trainee_of(user))
    if user.role == Role.DEANERY_STAFF:
        assert user.region is not None  # the database requires staff to have a region
        return for_region(user.region)
    if user.role == Role.ADMINISTRATOR:
        return national()
    return None


def as_flow(careers: Careers) -> dict:
    """The steps as a Sankey diagram's nodes and links (for the chart: the table says the same)."""
    nodes = [{"name": " → ".join(s.path), "label": s.name, "depth": s.depth} for s in careers.steps]
    links = [{"source": " → ".join(s.path[:-1]), "target": " → ".join(s.path), "value": s.people}
             for s in careers.steps if s.depth > 0]
    return {"nodes": nodes, "links": links}
