"""What a director may see of a candidate before they say they are interested.

Anonymous means at least `ANONYMITY_K` (5) trainees of the candidate's region's
discoverable pool fit what is shown (k-anonymity, docs/privacy.md). Each candidate is
described by a `Profile` of coarse facts (the stage of training rather than the grade,
"within the last year" rather than months, the kind of scheme rather than its name,
bands rather than counts). The finest description whose class in the pool holds at least
k trainees is shown: facts are dropped one by one, in `DROP_ORDER`, until it does.
What is shown is always one of these descriptions, so counting the trainees who fit it
is a plain count over the pool (tests/pipeline/test_candidate_anonymity.py does it
independently).

The match score stays: it is worked out from facts nobody else can see, so it cannot be
used to narrow the pool. The parts of the score are not shown before interest: their
points would give the counts back, and the words a candidate's projects share with the
role would let a role written as a list of guesses read their private titles.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from pipeline.models import Vacancy
from reference.models import Grade, LeadershipFramework, Specialty
from schemes.models import Fellowship, Scheme
from trainees.models import Evidence, LeadershipRole, Project, Trainee

RECENT = timedelta(days=365)
DOMAINS = 5  # MLCF domains

# Dropped first to last: the most identifying facts first, what a director most needs last.
DROP_ORDER = ("specialty", "sessions_fit", "projects", "roles", "domains", "specialty_fit",
              "fellowship", "stage")
STAGE_WORDS = {Grade.Stage.FOUNDATION: "Foundation training", Grade.Stage.CORE: "Core training",
               Grade.Stage.SPECIALTY: "Specialty training",
               Grade.Stage.GENERAL_PRACTICE: "GP training"}
SCOPE_WORDS: dict[str, str] = {Scheme.Scope.REGIONAL: "a regional leadership scheme",
               Scheme.Scope.NATIONAL: "a national leadership scheme",
               Scheme.Scope.INTERNATIONAL: "a national leadership scheme"}


def k() -> int:
    return settings.ANONYMITY_K


@dataclass(frozen=True)
class Profile:
    """A discoverable trainee's facts, each already as coarse as a director may read it."""

    trainee_id: int
    region_id: int
    stage: str
    specialty_id: int
    sessions_wanted: int
    fellowship: str | None  # "<scope>:recent" / "<scope>:earlier"; None: none completed
    domains: str  # "none", "1 or 2", "3 or 4", "all 5": MLCF domains with any evidence
    roles: bool
    projects: bool


@dataclass(frozen=True)
class Shown:
    """What is shown of one candidate: the facts kept (the rest say "not shown")."""

    region_shown: bool
    facts: tuple[tuple[str, object], ...]
    fits: int  # trainees of the region's discoverable pool who fit what is shown

    def get(self, name: str, default=None):
        return dict(self.facts).get(name, default)

    def has(self, name: str) -> bool:
        return name in dict(self.facts)


def _band(domains_evidenced: int) -> str:
    if domains_evidenced == 0:
        return "none"
    if domains_evidenced == DOMAINS:
        return "all 5"
    return "1 or 2" if domains_evidenced <= 2 else "3 or 4"


def _fellowship(completions: list[tuple[date, str]], today: date) -> str | None:
    if not completions:
        return None
    done, scope = max(completions)
    scope = Scheme.Scope.NATIONAL if scope == Scheme.Scope.INTERNATIONAL else scope
    return f"{scope}:{'recent' if today - done <= RECENT else 'earlier'}"


def pool_profiles(region_ids: set[int], today: date) -> list[Profile]:
    """Every discoverable trainee of these regions, as a `Profile` (five queries)."""
    pool = Trainee.objects.filter(region_id__in=region_ids, preferences__discoverable=True)
    domains: dict[int, set[int]] = {}
    for trainee_id, number in Evidence.objects.filter(
            trainee__in=pool, element__domain__isnull=False,
            element__framework__code=LeadershipFramework.MLCF,
    ).values_list("trainee_id", "element__domain__number").distinct():
        domains.setdefault(trainee_id, set()).add(number)
    completions: dict[int, list] = {}
    for trainee_id, done, scope in Fellowship.objects.completed().filter(
            trainee__in=pool, completed_on__isnull=False,
    ).values_list("trainee_id", "completed_on", "cohort__scheme__scope"):
        completions.setdefault(trainee_id, []).append((done, scope))
    with_roles = set(LeadershipRole.objects.filter(trainee__in=pool).values_list("trainee_id", flat=True))
    with_outcomes = set(Project.objects.filter(trainee__in=pool, status=Project.Status.COMPLETED)
                        .exclude(Q(outcome="") | Q(outcome__regex=r"^\s+$"))
                        .values_list("trainee_id", flat=True))
    return [
        Profile(trainee_id=t_id, region_id=region_id, stage=stage, specialty_id=specialty_id,
                sessions_wanted=sessions, fellowship=_fellowship(completions.get(t_id, []), today),
                domains=_band(len(domains.get(t_id, ()))), roles=t_id in with_roles,
                projects=t_id in with_outcomes)
        for t_id, region_id, stage, specialty_id, sessions in pool.values_list(
            "id", "region_id", "grade__stage", "specialty_id", "preferences__sessions_per_week")
    ]


def _specialty_fit(profile: Profile, specialty_ids: frozenset[int]) -> str:
    if not specialty_ids:
        return "any"
    return "theirs" if profile.specialty_id in specialty_ids else "other"


def _sessions_fit(profile: Profile, offered: int) -> str:
    if profile.sessions_wanted == offered:
        return "fits"
    return "more" if profile.sessions_wanted > offered else "fewer"


def all_facts(profile: Profile, vacancy: Vacancy, specialty_ids: frozenset[int]) -> dict[str, object]:
    """Everything that could be shown of this trainee for this role, coarse already."""
    return {"stage": profile.stage, "specialty": profile.specialty_id,
            "specialty_fit": _specialty_fit(profile, specialty_ids),
            "sessions_fit": _sessions_fit(profile, vacancy.sessions_per_week),
            "fellowship": profile.fellowship, "domains": profile.domains,
            "roles": profile.roles, "projects": profile.projects}


def _levels(facts: dict[str, object]) -> list[tuple[tuple[str, object], ...]]:
    """The descriptions from finest to none, dropping facts in DROP_ORDER."""
    kept = [name for name in reversed(DROP_ORDER)]
    levels = []
    for dropped in range(len(DROP_ORDER) + 1):
        names = kept[:len(kept) - dropped]
        levels.append(tuple((name, facts[name]) for name in sorted(names)))
    return levels


class Describer:
    """Chooses what is shown of each candidate; built once for a page of candidates."""

    def __init__(self, region_ids: set[int], today: date | None = None) -> None:
        self.profiles = {p.trainee_id: p for p in pool_profiles(region_ids, today or timezone.localdate())}
        self.pool_sizes = Counter(p.region_id for p in self.profiles.values())
        self._classes: dict[int, Counter] = {}  # per vacancy: (region, level facts) → trainees

    def _class_sizes(self, vacancy: Vacancy, specialty_ids: frozenset[int]) -> Counter:
        if vacancy.pk not in self._classes:
            sizes: Counter = Counter()
            for p in self.profiles.values():
                for level in _levels(all_facts(p, vacancy, specialty_ids)):
                    sizes[(p.region_id, level)] += 1
            self._classes[vacancy.pk] = sizes
        return self._classes[vacancy.pk]

    def shown(self, trainee_id: int, vacancy: Vacancy, specialty_ids: frozenset[int]) -> Shown:
        profile = self.profiles.get(trainee_id)
        if profile is None or self.pool_sizes[profile.region_id] < k():
            # Fewer than k discoverable trainees in their region: even the region is too much.
            return Shown(region_shown=False, facts=(), fits=sum(self.pool_sizes.values()))
        sizes = self._class_sizes(vacancy, specialty_ids)
        for level in _levels(all_facts(profile, vacancy, specialty_ids)):
            if sizes[(profile.region_id, level)] >= k():
                return Shown(region_shown=True, facts=level, fits=sizes[(profile.region_id, level)])
        raise AssertionError("the region's whole pool is at least k")  # the last level is ()


# -- in words ------------------------------------------------------------------------------

NOT_SHOWN = "Not shown until they say they are interested"


def stage_words(shown: Shown) -> str:
    return STAGE_WORDS.get(shown.get("stage"), NOT_SHOWN) if shown.has("stage") else NOT_SHOWN


def specialty_words(shown: Shown, names: dict[int, str]) -> str:
    if shown.has("specialty"):
        return names[shown.get("specialty")]
    if shown.has("specialty_fit"):
        return {"any": "Not shown, as the role is open to any specialty",
                "theirs": "One of the specialties the role asks for",
                "other": "Not one of the specialties the role asks for"}[shown.get("specialty_fit")]
    return NOT_SHOWN


def fellowship_words(shown: Shown) -> str:
    if not shown.has("fellowship"):
        return NOT_SHOWN
    value = shown.get("fellowship")
    if value is None:
        return "No completed leadership fellowship"
    scope, when = str(value).split(":")
    ago = "within the last year" if when == "recent" else "more than a year ago"
    return f"Completed {SCOPE_WORDS[scope]} {ago}"


def roles_words(shown: Shown) -> str:
    if not shown.has("roles"):
        return NOT_SHOWN
    return "Has held a leadership role" if shown.get("roles") else "No leadership role recorded"


def projects_words(shown: Shown) -> str:
    if not shown.has("projects"):
        return NOT_SHOWN
    return ("Has recorded the outcome of a completed improvement project" if shown.get("projects")
            else "No improvement project outcome recorded")


def domains_words(shown: Shown) -> str:
    if not shown.has("domains"):
        return NOT_SHOWN
    band = shown.get("domains")
    return "No evidence recorded yet" if band == "none" else f"Evidence in {band} of the 5 leadership domains"


def sessions_words(shown: Shown) -> str:
    if not shown.has("sessions_fit"):
        return NOT_SHOWN
    return {"fits": "They want the number of sessions the role offers",
            "more": "They want more sessions a week than the role offers",
            "fewer": "They want fewer sessions a week than the role offers"}[shown.get("sessions_fit")]


def described(shown: Shown, region_name: str, specialty_names: dict[int, str]) -> list[tuple[str, str]]:
    """What a director reads of an anonymous candidate, as (question, answer) rows."""
    return [
        ("Region", region_name if shown.region_shown else NOT_SHOWN),
        ("Stage of training", stage_words(shown)),
        ("Specialty", specialty_words(shown, specialty_names)),
        ("Leadership fellowship", fellowship_words(shown)),
        ("Leadership domains", domains_words(shown)),
        ("Leadership roles", roles_words(shown)),
        ("Improvement projects", projects_words(shown)),
        ("Sessions a week", sessions_words(shown)),
    ]


def summary(rows: list[tuple[str, str]]) -> str:
    """The one line a list of candidates gives each: only what is known of them, since a
    "Not shown…" answer says nothing there."""
    return ", ".join(answer for question, answer in rows
                     if question in ("Stage of training", "Specialty") and not answer.startswith("Not shown"))


def specialty_names(ids) -> dict[int, str]:
    return dict(Specialty.objects.filter(id__in=set(ids)).values_list("id", "name"))
