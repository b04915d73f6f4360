"""What the engine knows about each trainee and vacancy, loaded with a few queries.

Facts are plain frozen dataclasses: the engine and the reference implementation in
the tests both take them, so they can be proved equal. The loaders select named
columns only; equality monitoring answers are never read (docs/matching.md).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from pipeline.models import Interest, Vacancy
from reference.models import LeadershipFramework, LeadershipRoleType
from schemes.models import Fellowship
from trainees.models import Evidence, LeadershipRole, Preferences, Project, Trainee

DOMAINS = 5  # the MLCF's domains, numbered 1 to 5
LEVEL_WEIGHT: dict[str, float] = {
    Evidence.Level.ESSENTIAL: 0.25,
    Evidence.Level.PROFICIENT: 0.5,
    Evidence.Level.STRONG: 0.75,
    Evidence.Level.EXEMPLARY: 1.0,
}
DAYS_A_YEAR = 365.25
DAYS_A_MONTH = DAYS_A_YEAR / 12

# The words of scikit-learn's CountVectorizer(stop_words="english"): its token pattern, lower
# case, its English stop words left out. Written out rather than called, because its analyser
# runs in Python once per text (a third of loading every trainee's facts); a test holds the
# two equal.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def words_of(*texts: str) -> frozenset[str]:
    """The distinct words of some text, as the text-relevance feature sees them."""
    # Joined by a line break, which no word can span.
    return frozenset(_TOKEN.findall("\n".join(text for text in texts if text).lower())) - ENGLISH_STOP_WORDS


@dataclass(frozen=True)
class TraineeFacts:
    id: int
    grade_rank: int
    specialty_id: int
    home_region_id: int
    preferred_region_ids: frozenset[int]
    available_from: date | None
    sessions_wanted: int
    domain_strength: tuple[float, ...]  # index 0 is MLCF domain 1
    completed_fellowships: int
    months_since_completion: float | None
    last_scheme: str
    roles_held: int
    projects_with_outcome: int
    words: frozenset[str]
    # The kinds of role they picked out in their preferences; empty when they ticked none,
    # or every kind there is (which says no more than none: docs/matching.md).
    wanted_role_type_ids: frozenset[int]

    @property
    def acceptable_region_ids(self) -> frozenset[int]:
        return self.preferred_region_ids or frozenset({self.home_region_id})


@dataclass(frozen=True)
class VacancyFacts:
    id: int
    region_id: int
    remote_possible: bool
    min_rank: int
    max_rank: int
    start_date: date
    sessions_offered: int
    required_domains: frozenset[int]  # MLCF domain numbers
    specialty_ids: frozenset[int]  # empty: any specialty
    words: frozenset[str]
    appointed_trainee_ids: frozenset[int]
    role_type_id: int  # the vacancy's kind of role


def evidence_strength(rows: Iterable[tuple[int, str, date]], today: date) -> tuple[float, ...]:
    """Strength per MLCF domain from (domain number, level, date) evidence rows."""
    totals = [0.0] * DOMAINS
    for domain_number, level, occurred_on in rows:
        age_years = max(0, (today - occurred_on).days) / DAYS_A_YEAR
        recency = max(0.25, 1 - age_years / 4)
        totals[domain_number - 1] += LEVEL_WEIGHT[level] * recency
    return tuple(min(1.0, total) for total in totals)


# Up to this many ids, the queries that follow the first name them (index look-ups); beyond,
# they find them again with the first query as a subquery. Naming 6,000 ids would cost more
# to compile than the subquery costs to run, and could pass SQLite's limit on parameters.
NAMED_IDS = 1000


def _grouped(rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    groups: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        groups[row[0]].append(row[1:])
    return groups


def _among(ids: list[int], queryset: QuerySet) -> list[int] | QuerySet:
    """What `id__in` should take for the rows `ids` were read from."""
    return ids if len(ids) <= NAMED_IDS else queryset.values("id")


def load_trainee_facts(trainees: QuerySet[Trainee], *, today: date) -> list[TraineeFacts]:
    """Facts for the given trainees who have consented to be discoverable, by id."""
    trainees = trainees.filter(preferences__discoverable=True)
    base = list(trainees.order_by("id").values_list(
        "id", "grade__rank", "specialty_id", "region_id",
        "preferences__available_from", "preferences__sessions_per_week",
    ))
    among = _among([row[0] for row in base], trainees)
    regions = _grouped(Preferences.regions.through.objects.filter(
        preferences__trainee_id__in=among).values_list("preferences__trainee_id", "region_id"))
    kinds = _grouped(Preferences.role_types.through.objects.filter(
        preferences__trainee_id__in=among).values_list("preferences__trainee_id", "leadershiproletype_id"))
    every_kind = frozenset(LeadershipRoleType.objects.values_list("id", flat=True))
    evidence = _grouped(Evidence.objects.filter(
        trainee_id__in=among, element__domain__isnull=False,
        element__framework__code=LeadershipFramework.MLCF,
    ).values_list("trainee_id", "element__domain__number", "level", "occurred_on"))
    fellowships = _grouped(Fellowship.objects.completed().filter(trainee_id__in=among).values_list(
        "trainee_id", "completed_on", "cohort__scheme__short_name", "project_title"))
    roles = _grouped(LeadershipRole.objects.filter(trainee_id__in=among)
                     .values_list("trainee_id", "title", "description", "start_date"))
    projects = _grouped(Project.objects.filter(trainee_id__in=among)
                        .values_list("trainee_id", "title", "aim", "outcome", "status"))
    return [
        _trainee_facts(row, today, regions[row[0]], evidence[row[0]], fellowships[row[0]],
                       roles[row[0]], projects[row[0]], _picked_out(kinds[row[0]], every_kind))
        for row in base
    ]


def _picked_out(ticked: list[tuple], every_kind: frozenset[int]) -> frozenset[int]:
    """The kinds of role a trainee wants more than others: ticking all is ticking none."""
    wanted = frozenset(k for (k,) in ticked)
    return frozenset() if wanted >= every_kind else wanted


def _trainee_facts(row, today, regions, evidence, fellowships, roles, projects, kinds) -> TraineeFacts:
    trainee_id, rank, specialty_id, region_id, available_from, sessions = row
    completions = sorted((done, scheme) for done, scheme, _ in fellowships)
    last_done, last_scheme = completions[-1] if completions else (None, "")
    outcomes = [p for p in projects if p[3] == Project.Status.COMPLETED and p[2].strip()]
    texts = [t for p in projects for t in p[:3]] + [t for r in roles for t in r[:2]]
    texts += [title for _, _, title in fellowships]
    return TraineeFacts(
        id=trainee_id, grade_rank=rank, specialty_id=specialty_id, home_region_id=region_id,
        preferred_region_ids=frozenset(r for (r,) in regions),
        available_from=available_from, sessions_wanted=sessions,
        domain_strength=evidence_strength(evidence, today),
        completed_fellowships=len(completions),
        months_since_completion=(today - last_done).days / DAYS_A_MONTH if last_done else None,
        # A role not started yet (a post won in a round) says what they want, not what they have done.
        last_scheme=last_scheme, roles_held=sum(start <= today for *_, start in roles),
        projects_with_outcome=len(outcomes),
        words=words_of(*texts), wanted_role_type_ids=kinds,
    )


def load_vacancy_facts(vacancies: QuerySet[Vacancy]) -> list[VacancyFacts]:
    """Facts for the given vacancies that are open, by id."""
    vacancies = vacancies.filter(status=Vacancy.Status.OPEN)
    base = list(vacancies.order_by("id").values_list(
        "id", "trust__region_id", "remote_possible", "min_grade__rank", "max_grade__rank",
        "start_date", "sessions_per_week", "title", "description", "role_type_id",
    ))
    among = _among([row[0] for row in base], vacancies)
    domains = _grouped(Vacancy.required_domains.through.objects.filter(vacancy_id__in=among)
                       .values_list("vacancy_id", "frameworkdomain__number"))
    specialties = _grouped(Vacancy.specialties.through.objects.filter(vacancy_id__in=among)
                           .values_list("vacancy_id", "specialty_id"))
    appointed = _grouped(Interest.objects.filter(
        vacancy_id__in=among, status=Interest.Status.APPOINTED,
    ).values_list("vacancy_id", "trainee_id"))
    return [
        VacancyFacts(
            id=v_id, region_id=region_id, remote_possible=remote, min_rank=low, max_rank=high,
            start_date=start, sessions_offered=sessions,
            required_domains=frozenset(d for (d,) in domains[v_id]),
            specialty_ids=frozenset(s for (s,) in specialties[v_id]),
            words=words_of(title, description),
            appointed_trainee_ids=frozenset(t for (t,) in appointed[v_id]),
            role_type_id=role_type_id,
        )
        for v_id, region_id, remote, low, high, start, sessions, title, description, role_type_id
        in base
    ]
