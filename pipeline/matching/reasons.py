"""Human sentences for each part of a stored match's score."""

from pipeline.matching.engine import FEATURES, Kept
from pipeline.matching.facts import TraineeFacts, VacancyFacts

LABELS = {
    "coverage": "Leadership domains",
    "experience": "Leadership experience",
    "text": "Relevant projects and roles",
    "specialty": "Specialty",
    "sessions": "Sessions a week",
    "recency": "Recently returned from a fellowship",
}
SHOWN_WORDS = 5


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def coverage_sentence(t: TraineeFacts, v: VacancyFacts) -> str:
    evidenced = sum(1 for d in v.required_domains if t.domain_strength[d - 1] > 0)
    return f"{evidenced} of {len(v.required_domains)} required domains evidenced"


def experience_sentence(t: TraineeFacts, v: VacancyFacts) -> str:
    parts = []
    if t.completed_fellowships:
        parts.append(f"completed {_plural(t.completed_fellowships, 'leadership fellowship')}")
    if t.roles_held:
        parts.append(f"held {_plural(t.roles_held, 'leadership role')}")
    if t.projects_with_outcome:
        parts.append(f"{_plural(t.projects_with_outcome, 'improvement project')} with a measured outcome")
    if not parts:
        return "No fellowship, leadership role or completed improvement project recorded yet"
    return "; ".join(parts).capitalize()


def text_sentence(t: TraineeFacts, v: VacancyFacts) -> str:
    shared = sorted(t.words & v.words)
    if not shared:
        return "No words in common between their projects and roles and the role description"
    more = len(shared) - SHOWN_WORDS
    listed = ", ".join(shared[:SHOWN_WORDS]) + (f" and {more} more" if more > 0 else "")
    return f"Their projects and roles share words with the role: {listed}"


def specialty_sentence(t: TraineeFacts, v: VacancyFacts) -> str:
    if not v.specialty_ids:
        return "The role is open to any specialty"
    if t.specialty_id in v.specialty_ids:
        return "Their specialty is one the role asks for"
    return "The role asks for other specialties"


def sessions_sentence(t: TraineeFacts, v: VacancyFacts) -> str:
    return (f"Wants {_plural(t.sessions_wanted, 'session')} a week; "
            f"the role offers {v.sessions_offered}")


def recency_sentence(t: TraineeFacts, v: VacancyFacts) -> str:
    if t.months_since_completion is None:
        return "No completed leadership fellowship"
    months = int(t.months_since_completion)
    return f"Completed the {t.last_scheme} {_plural(months, 'month')} ago"


SENTENCES = {
    "coverage": coverage_sentence,
    "experience": experience_sentence,
    "text": text_sentence,
    "specialty": specialty_sentence,
    "sessions": sessions_sentence,
    "recency": recency_sentence,
}


def reasons_for(
    kept: Kept, trainees: list[TraineeFacts], vacancies: list[VacancyFacts]
) -> list[list[dict]]:
    """One list of reasons per kept pair; their points add up to the pair's score."""
    points = {f: kept.points[f].tolist() for f in FEATURES}
    out = []
    for i, (row, col) in enumerate(zip(kept.trainee_rows.tolist(), kept.vacancy_cols.tolist(),
                                       strict=True)):
        t, v = trainees[row], vacancies[col]
        # Labels and maxima are constants (LABELS, WEIGHTS): not repeated in every row.
        out.append([{"feature": f, "points": points[f][i], "sentence": SENTENCES[f](t, v)}
                    for f in FEATURES])
    return out
