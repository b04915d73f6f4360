"""Each part of a stored match's score: the facts behind it, kept with the match, and the
sentence that says it to whoever reads it.

The trainee reads about themselves ("your projects"), a director about a candidate
("their projects"). Only the facts are stored, so every sentence is written once, here,
when a page or the API shows it (`sentence_for`), for a `Reader`. Storing facts rather
than words also keeps the national rematch's rows small.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.utils.translation import ngettext

from pipeline.matching.engine import FEATURES, Kept, TraineeArrays, VacancyArrays
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


def reasons_for(kept: Kept, tr: TraineeArrays, va: VacancyArrays, trainees: list[TraineeFacts],
                vacancies: list[VacancyFacts]) -> list[list[dict]]:
    """One list of reasons per kept pair; their points add up to the pair's score."""
    _, points = kept.parts(tr, va)
    listed = {f: points[f].tolist() for f in FEATURES}
    out = []
    for i, (row, col) in enumerate(zip(kept.trainee_rows.tolist(), kept.vacancy_cols.tolist(),
                                       strict=True)):
        t, v = trainees[row], vacancies[col]
        # Labels and maxima are constants (LABELS, WEIGHTS): not repeated in every row.
        out.append([{"feature": f, "points": listed[f][i], "facts": FACTS[f](t, v)}
                    for f in FEATURES])
    return out


# -- the same reasons as JSON text, fast, for the national rematch ---------------------
#
# At national scale most stored rows share most of their parts: a trainee's experience
# and recency read the same against every role, sessions depend on two small numbers, and
# so on. So each distinct part is written once (`_part_keys` says which pairs share it)
# and a row is its parts joined. The text is exactly how PostgreSQL prints the stored
# `jsonb` (`jsonb_text`), so comparing digests of the two says whether a row changed.


_encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _jsonb_key(key: str) -> tuple[int, bytes]:
    return len(key.encode()), key.encode()


def _jsonb_order(value):
    """Objects' keys in jsonb's order: shortest first, then bytewise."""
    if isinstance(value, dict):
        return {k: _jsonb_order(value[k]) for k in sorted(value, key=_jsonb_key)}
    if isinstance(value, list | tuple):
        return [_jsonb_order(item) for item in value]
    return value


def jsonb_text(value) -> str:
    """`value` as JSON, printed as PostgreSQL prints it back from a jsonb column: keys in
    jsonb's order, ", " and ": " between items, characters unescaped. (Numbers are printed
    as Python does; a float with an exponent, which no reason holds, would read differently
    and so only be rewritten, never stored wrong.)"""
    return _encode(_jsonb_order(value))


_KEY_ORDER: dict[str, list[str]] = {}  # each feature's facts always have the same keys


def _fragment(feature: str, points: float, facts: dict) -> str:
    """One reason: `jsonb_text({"feature", "points", "facts"})`, with the facts' values
    flat (numbers, strings, lists of words), so written without walking them."""
    order = _KEY_ORDER.get(feature) or _KEY_ORDER.setdefault(feature, sorted(facts, key=_jsonb_key))
    ordered = {k: facts[k] for k in order}
    return f'{{"facts": {_encode(ordered)}, "points": {points!r}, "feature": "{feature}"}}'


def _part_keys(kept: Kept, tr: TraineeArrays, va: VacancyArrays, open_to_any: np.ndarray,
               coverage_cents: np.ndarray, shares_words: np.ndarray) -> dict[str, np.ndarray]:
    """For each feature, a key per pair: pairs with the same key have the same facts
    and points for that feature."""
    r, c = kept.trainee_rows, kept.vacancy_cols
    pair = np.arange(len(kept))
    required = va.required[c] > 0
    evidenced = (required & (tr.strength[r] > 0)).sum(axis=1)
    return {
        # The facts are two counts: many trainees share them, for many roles.
        "coverage": (coverage_cents * 8 + evidenced) * 8 + required.sum(axis=1),
        "experience": r,
        "text": np.where(shares_words, pair, -1),  # sharing no words reads the same for all
        "specialty": 2 * open_to_any[c] + va.specialty_ok[c, tr.specialty[r]],
        "sessions": tr.sessions[r].astype(np.int64) * 1024 + va.sessions[c].astype(np.int64),
        "recency": r,
        "aspiration": (2 * tr.kind_value[r, va.kind[c]]).astype(np.int64),
    }


def reasons_json(kept: Kept, tr: TraineeArrays, va: VacancyArrays, trainees: list[TraineeFacts],
                 vacancies: list[VacancyFacts]) -> list[str]:
    """The reasons of each kept pair as `jsonb_text` of what `reasons_for` gives."""
    values, points = kept.parts(tr, va)
    open_to_any = np.array([not v.specialty_ids for v in vacancies], dtype=np.int64)
    coverage_cents = np.rint(points["coverage"] * 100).astype(np.int64)
    keys = _part_keys(kept, tr, va, open_to_any, coverage_cents, values["text"] > 0)
    rows, cols = kept.trainee_rows.tolist(), kept.vacancy_cols.tolist()
    columns = []
    for f in FEATURES:
        _, first, which = np.unique(keys[f], return_index=True, return_inverse=True)
        texts = np.array([
            _fragment(f, points[f][i].item(), FACTS[f](trainees[rows[i]], vacancies[cols[i]]))
            for i in first.tolist()
        ], dtype=object)
        columns.append(texts[which.reshape(-1)].tolist())
    return ["[" + ", ".join(parts) + "]" for parts in zip(*columns, strict=True)]


# -- one number for what a row's reasons are written from ----------------------------------
#
# A rematch must know which stored rows would change. Writing every row's reasons to compare
# their text costs more than scoring; instead each row keeps a digest of what its reasons are
# written from: what FACTS read of the trainee and of the role (`*_reason_inputs`), each
# part's points, and this module's own source, so that changing how reasons are written
# rewrites every row once. Equal digests, equal reasons (a 64-bit digest: a false match is
# about one in 10^19 per row).

_FORMAT = hashlib.blake2b(Path(__file__).read_bytes() + repr(FEATURES).encode(), digest_size=16).digest()


def trainee_reason_inputs(t: TraineeFacts) -> tuple:
    """All that FACTS read of a trainee, as they read it (a test holds them to it). Not the
    evidence's strength or the exact months, which change every day: only whether a domain has
    evidence and the whole months; what they change in points is in the digest anyway."""
    months = None if t.months_since_completion is None else int(t.months_since_completion)
    return (tuple(s > 0 for s in t.domain_strength), t.completed_fellowships, t.roles_held,
            t.projects_with_outcome, sorted(t.words), t.specialty_id, t.sessions_wanted, months,
            t.last_scheme, sorted(t.wanted_role_type_ids))


def vacancy_reason_inputs(v: VacancyFacts) -> tuple:
    """All that FACTS read of a role."""
    return (sorted(v.required_domains), sorted(v.words), sorted(v.specialty_ids), v.sessions_offered,
            v.role_type_id)


def _key(inputs: tuple) -> int:
    return int.from_bytes(hashlib.blake2b(repr(inputs).encode(), key=_FORMAT, digest_size=8).digest(),
                          "little")


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every bit of the input moves about half the bits of the output."""
    h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


NO_DIGEST = 0  # never a digest: a stored row without one reads as this and is rewritten


def reasons_digests(kept: Kept, tr: TraineeArrays, va: VacancyArrays, trainees: list[TraineeFacts],
                    vacancies: list[VacancyFacts]) -> np.ndarray:
    """For each kept pair, a digest (int64, never NO_DIGEST) of what its reasons are written
    from: the trainee's and the role's reason inputs, and each part's points."""
    r, c = kept.trainee_rows, kept.vacancy_cols
    trainee_keys = np.zeros(len(trainees), dtype=np.uint64)
    for row in np.unique(r).tolist():
        trainee_keys[row] = _key(trainee_reason_inputs(trainees[row]))
    vacancy_keys = np.zeros(len(vacancies), dtype=np.uint64)
    for col in np.unique(c).tolist():
        vacancy_keys[col] = _key(vacancy_reason_inputs(vacancies[col]))
    _, points = kept.parts(tr, va)
    h = _mix(_mix(trainee_keys[r]) ^ vacancy_keys[c])
    for feature in FEATURES:
        h = _mix(h ^ np.rint(points[feature] * 100).astype(np.int64).view(np.uint64))
    h[h == NO_DIGEST] = 1
    return h.view(np.int64)


def sentence_for(reason: dict, reader: Reader) -> str:
    """A stored reason in words for its reader.

    A row stored before reasons kept their facts has a sentence, in a director's words,
    until the next rematch rewrites it (`manage.py rematch`, or the nightly job)."""
    if "facts" not in reason:
        return reason.get("sentence", "")
    return SENTENCES[reason["feature"]](reason["facts"], reader)
