"""The plain, obviously-correct reference for the matching engine: one pair at a time.

Written from docs/matching.md without looking at the engine's arrays. The property
tests (tests/pipeline/test_matching_engine.py) prove the engine equal to it, and the
benchmark (`manage.py bench_matching`) times the engine against it. Never used to match.
"""

import math

from pipeline.matching.facts import TraineeFacts, VacancyFacts

WEIGHTS = {"coverage": 30, "experience": 20, "text": 10, "specialty": 10, "sessions": 10,
           "recency": 10, "aspiration": 10}
ID_SPACE = 2**31


def eligible(t: TraineeFacts, v: VacancyFacts) -> bool:
    if not v.min_rank <= t.grade_rank <= v.max_rank:
        return False
    if t.available_from is not None and t.available_from > v.start_date:
        return False
    if not (v.remote_possible or v.region_id in t.acceptable_region_ids):
        return False
    return t.id not in v.appointed_trainee_ids


def values(t: TraineeFacts, v: VacancyFacts) -> dict[str, float]:
    coverage = 0.0
    for d in range(1, 6):  # every domain in order, as documented: a sum of five terms
        coverage = coverage + (t.domain_strength[d - 1] if d in v.required_domains else 0.0)
    coverage = coverage / len(v.required_domains) if v.required_domains else 0.0
    shared = len(t.words & v.words)
    size = math.sqrt(float(len(t.words)) * float(len(v.words)))
    cosine = shared / size if size > 0 else 0.0
    months = t.months_since_completion
    recency = 0.0 if months is None else min(1.0, max(0.0, 1 - (months - 12) / 24))
    if not t.wanted_role_type_ids:
        aspiration = 0.5  # they did not say: halfway, neither helped nor held back
    else:
        aspiration = 1.0 if v.role_type_id in t.wanted_role_type_ids else 0.0
    return {
        "coverage": coverage,
        "experience": 0.5 * min(1, t.completed_fellowships)
        + 0.25 * min(1, t.roles_held / 2) + 0.25 * min(1, t.projects_with_outcome / 2),
        "text": min(1.0, 2 * cosine),
        "specialty": 1.0 if not v.specialty_ids or t.specialty_id in v.specialty_ids else 0.0,
        "sessions": min(t.sessions_wanted, v.sessions_offered)
        / max(t.sessions_wanted, v.sessions_offered),
        "recency": recency,
        "aspiration": aspiration,
    }


def round_half_up(x: float) -> float:
    return math.floor(x * 100 + 0.5) / 100


def score(t: TraineeFacts, v: VacancyFacts) -> float:
    total = 0.0
    for feature, value in values(t, v).items():
        total = total + round_half_up(WEIGHTS[feature] * value)
    return round(total * 100) / 100


def stored_pairs(trainees: list[TraineeFacts], vacancies: list[VacancyFacts],
                 k: int) -> dict[tuple[int, int], float]:
    """Each vacancy's top k trainees and each trainee's top k vacancies, with scores."""
    scores = {(t.id, v.id): score(t, v) for t in trainees for v in vacancies if eligible(t, v)}
    kept = set()
    for v in vacancies:
        ranked = sorted((-s, t_id) for (t_id, v_id), s in scores.items() if v_id == v.id)
        kept |= {(t_id, v.id) for _, t_id in ranked[:k]}
    for t in trainees:
        ranked = sorted((-s, v_id) for (t_id, v_id), s in scores.items() if t_id == t.id)
        kept |= {(t.id, v_id) for _, v_id in ranked[:k]}
    return {pair: scores[pair] for pair in kept}


def ranked_for_vacancy(pairs: dict[tuple[int, int], float], vacancy_id: int) -> list[int]:
    return [t for _, t in sorted((-s, t) for (t, v), s in pairs.items() if v == vacancy_id)]
