"""Each part of a stored match's score: the facts behind it, kept with the match, and the
sentence that says it to whoever reads it.

The trainee reads about themselves ("your projects"), a director about a candidate
("their projects"). Only the facts are stored, so every sentence is written once, here,
when a page or the API shows it (`sentence_for`), for a `Reader`. Storing facts rather
than words also keeps the national rematch's rows small.
"""

from dataclasses import dataclass

from django.utils.translation import ngettext

from pipeline.matching.engine import FEATURES, Kept
from pipeline.matching.facts import TraineeFacts, VacancyFacts

LABELS = {
    "coverage": "Leadership domains",
    "experience": "Leadership experience",
    "text": "Relevant projects and roles",
    "specialty": "Specialty",
    "sessions": "Sessions a week",
    "recency": "Recently returned from a fellowship",
    "aspiration": "Kind of role",
}
SHOWN_WORDS = 5


@dataclass(frozen=True)
class Reader:
    """Who reads the reasons, and the words that speak to them."""

    key: str
    heading: str  # the reasons table's caption, before the score
    subject: str  # "You", "They"
    possessive: str  # "your", "their"


TRAINEE = Reader("trainee", "Why this role matches you", "You", "your")
DIRECTOR = Reader("director", "Why this candidate matches the role", "They", "their")
READERS = {r.key: r for r in (TRAINEE, DIRECTOR)}


# -- the facts, worked out for every stored pair ---------------------------------------

def coverage_facts(t: TraineeFacts, v: VacancyFacts) -> dict:
    evidenced = sum(1 for d in v.required_domains if t.domain_strength[d - 1] > 0)
    return {"evidenced": evidenced, "required": len(v.required_domains)}


def experience_facts(t: TraineeFacts, v: VacancyFacts) -> dict:
    return {"fellowships": t.completed_fellowships, "roles": t.roles_held,
            "projects": t.projects_with_outcome}


def text_facts(t: TraineeFacts, v: VacancyFacts) -> dict:
    shared = sorted(t.words & v.words)
    return {"words": shared[:SHOWN_WORDS], "more": max(0, len(shared) - SHOWN_WORDS)}


def specialty_facts(t: TraineeFacts, v: VacancyFacts) -> dict:
    asked = "any" if not v.specialty_ids else "theirs" if t.specialty_id in v.specialty_ids else "other"
    return {"asked": asked}


def sessions_facts(t: TraineeFacts, v: VacancyFacts) -> dict:
    return {"wanted": t.sessions_wanted, "offered": v.sessions_offered}


def recency_facts(t: TraineeFacts, v: VacancyFacts) -> dict:
    months = None if t.months_since_completion is None else int(t.months_since_completion)
    return {"months": months, "scheme": t.last_scheme}


def aspiration_facts(t: TraineeFacts, v: VacancyFacts) -> dict:
    wanted = t.wanted_role_type_ids
    return {"wants": "this" if v.role_type_id in wanted else "other" if wanted else "unsaid"}


FACTS = {
    "coverage": coverage_facts,
    "experience": experience_facts,
    "text": text_facts,
    "specialty": specialty_facts,
    "sessions": sessions_facts,
    "recency": recency_facts,
    "aspiration": aspiration_facts,
}


# -- the sentences, written when a reason is shown ---------------------------------------

def _count(n: int, singular: str, plural: str) -> str:
    return ngettext(f"%(num)d {singular}", f"%(num)d {plural}", n) % {"num": n}


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def coverage_sentence(f: dict, r: Reader) -> str:
    if not f["required"]:
        return "The role does not ask for particular leadership domains"
    domains = _count(f["required"], "leadership domain", "leadership domains")
    return f"{r.subject} have evidence in {f['evidenced']} of the {domains} the role asks for"


def experience_sentence(f: dict, r: Reader) -> str:
    parts = []
    if f["fellowships"]:
        parts.append("completed " + _count(f["fellowships"], "leadership fellowship",
                                           "leadership fellowships"))
    if f["roles"]:
        parts.append("held " + _count(f["roles"], "leadership role", "leadership roles"))
    if f["projects"]:
        parts.append("recorded the outcome of " + _count(
            f["projects"], "completed improvement project", "completed improvement projects"))
    if not parts:
        return "No fellowship, leadership role or completed improvement project recorded yet"
    return f"{r.subject} have {_listed(parts)}"


def text_sentence(f: dict, r: Reader) -> str:
    if not f["words"]:
        return f"No words in common between {r.possessive} projects and roles and the role description"
    listed = ", ".join(f["words"]) + (f" and {f['more']} more" if f["more"] else "")
    return f"{r.possessive.capitalize()} projects and roles share words with the role: {listed}"


def specialty_sentence(f: dict, r: Reader) -> str:
    return {"any": "The role is open to any specialty",
            "theirs": f"{r.possessive.capitalize()} specialty is one the role asks for",
            "other": "The role asks for other specialties"}[f["asked"]]


def sessions_sentence(f: dict, r: Reader) -> str:
    wanted = _count(f["wanted"], "session", "sessions")
    return f"{r.subject} want {wanted} a week; the role offers {f['offered']}"


def recency_sentence(f: dict, r: Reader) -> str:
    if f["months"] is None:
        return "No completed leadership fellowship"
    ago = _count(f["months"], "month ago", "months ago") if f["months"] else "less than a month ago"
    return f"{r.subject} completed the {f['scheme']} {ago}"


def aspiration_sentence(f: dict, r: Reader) -> str:
    they = r.subject.lower()
    return {"this": f"{r.subject} said {they} want this kind of role",
            "other": f"Not one of the kinds of role {they} said {they} want",
            "unsaid": f"{r.subject} have not picked out any particular kind of role"}[f["wants"]]


SENTENCES = {
    "coverage": coverage_sentence,
    "experience": experience_sentence,
    "text": text_sentence,
    "specialty": specialty_sentence,
    "sessions": sessions_sentence,
    "recency": recency_sentence,
    "aspiration": aspiration_sentence,
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
        out.append([{"feature": f, "points": points[f][i], "facts": FACTS[f](t, v)}
                    for f in FEATURES])
    return out


def sentence_for(reason: dict, reader: Reader) -> str:
    """A stored reason in words for its reader.

    A row stored before reasons kept their facts has a sentence, in a director's words,
    until the next rematch rewrites it (`manage.py rematch`, or the nightly job)."""
    if "facts" not in reason:
        return reason.get("sentence", "")
    return SENTENCES[reason["feature"]](reason["facts"], reader)
