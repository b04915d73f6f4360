"""Score trainees against vacancies with whole arrays (numpy), never a loop per pair.

The model is written down in docs/matching.md. A pair's score is the sum of its parts'
points, each rounded to hundredths, so the engine adds whole **cents** (integers) and
never a float: the sum is exact, and equals the reference's rounded float sum.

Most parts depend on the pair only through a few kinds of value, so each is worked out
once per trainee and kind of value, then looked up for every pair:

- experience and recency: one value per trainee;
- coverage: per trainee and distinct set of domains the vacancies ask for;
- sessions: per trainee and distinct number of sessions offered;
- kind of role: per trainee and kind; specialty: 0 or 10 points;
- text relevance: words shared by every pair at once, one sparse matrix product over
  the vocabulary; only pairs that share a word get points, worked out for those pairs.

The value of each part for a given pair (`pair_parts`) uses the same functions, so the
parts kept with a stored match and its score always agree. The reference
implementation applies the same formulas one pair at a time and a property test proves
the two equal.

Ranking uses an integer key per pair: the score in hundredths, then the other side's id
(lower id first) to break ties, so every list has one deterministic order.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from operator import attrgetter

import numpy as np
from scipy import sparse

from pipeline.matching.facts import DOMAINS, TraineeFacts, VacancyFacts

WEIGHTS: dict[str, float] = {
    "coverage": 30.0,
    "experience": 20.0,
    "text": 10.0,
    "specialty": 10.0,
    "sessions": 10.0,
    "recency": 10.0,
    "aspiration": 10.0,
}
FEATURES = tuple(WEIGHTS)
ID_SPACE = 2**31  # ids below this; ranking keys are cents * ID_SPACE + (ID_SPACE - 1 - id)
NOT_ELIGIBLE = -1
BLOCK_CELLS = 1_500_000  # pairs scored at once: bounds memory at national scale

# A trainee who named no kind of role sits halfway: helped no more than one who wants
# this kind, held back no more than one who wants other kinds (docs/matching.md).
UNSAID = 0.5


# -- each part's value, one formula each, for arrays of any shape ------------------------

def round_points(x):
    """Round half up to hundredths, identically for numpy arrays and Python floats."""
    return np.floor(x * 100 + 0.5) / 100


def cents(feature: str, value) -> np.ndarray:
    """A part's points in hundredths: exactly `round_points(weight × value) × 100`."""
    return np.floor(WEIGHTS[feature] * value * 100 + 0.5).astype(np.int32)


def experience_value(fellowships, roles, projects):
    return (0.5 * np.minimum(1, fellowships) + 0.25 * np.minimum(1, roles / 2)
            + 0.25 * np.minimum(1, projects / 2))


def recency_value(months):
    """1 up to 12 months since completion, falling to 0 at 36; NaN (never) is 0."""
    value = np.clip(1 - (months - 12) / 24, 0, 1)
    return np.where(np.isnan(months), 0.0, value)


def coverage_value(strength, required, required_count):
    """Mean strength over the required domains; `strength` and `required` end in DOMAINS."""
    total = np.zeros(np.broadcast_shapes(strength.shape[:-1], required.shape[:-1]))
    for d in range(DOMAINS):  # a fixed order of additions: the same result for any shape
        total = total + strength[..., d] * required[..., d]
    return np.divide(total, required_count, out=np.zeros(total.shape), where=required_count > 0)


def text_value(shared, trainee_words, vacancy_words):
    """min(1, 2 × cosine) of binary word vectors, from the count of shared words."""
    denominator = np.sqrt(trainee_words * vacancy_words)
    cosine = np.divide(shared, denominator, out=np.zeros(np.shape(denominator)),
                       where=denominator > 0)
    return np.minimum(1.0, 2 * cosine)


def sessions_value(wanted, offered):
    return np.minimum(wanted, offered) / np.maximum(wanted, offered)


# -- arrays built once per job ---------------------------------------------------------

@dataclass
class TraineeArrays:
    ids: np.ndarray
    rank: np.ndarray
    specialty: np.ndarray  # column in VacancyArrays.specialty_ok
    available: np.ndarray  # date ordinal; 0 when available now
    sessions: np.ndarray
    strength: np.ndarray  # T × DOMAINS
    experience: np.ndarray
    recency: np.ndarray
    accepts_region: np.ndarray  # T × regions, bool
    words: sparse.csr_matrix  # T × vocabulary, binary
    word_count: np.ndarray
    kind_value: np.ndarray  # T × kinds of role: the aspiration value of a role of that kind
    # Experience, recency, coverage, sessions and kind of role in cents, for each trainee
    # and kind of vacancy (VacancyArrays.profile): looked up for every pair.
    profile_cents: np.ndarray  # T × profiles


@dataclass
class VacancyArrays:
    ids: np.ndarray
    region: np.ndarray  # column in TraineeArrays.accepts_region
    remote: np.ndarray
    min_rank: np.ndarray
    max_rank: np.ndarray
    start: np.ndarray
    sessions: np.ndarray
    required: np.ndarray  # V × DOMAINS, 0.0 or 1.0
    required_count: np.ndarray
    specialty_ok: np.ndarray  # V × specialties: any specialty, or listed
    words: sparse.csr_matrix
    word_count: np.ndarray
    appointed: list[frozenset[int]]
    kind: np.ndarray  # column in TraineeArrays.kind_value
    domain_set: np.ndarray  # which distinct set of required domains
    offered: np.ndarray  # which distinct number of sessions offered
    profile: np.ndarray  # column in TraineeArrays.profile_cents: domain set, sessions, kind


def _index(values) -> dict:
    return {value: i for i, value in enumerate(sorted(set(values)))}


def _column(facts: list, name: str, dtype) -> np.ndarray:
    """One attribute of every fact, as an array."""
    return np.fromiter(map(attrgetter(name), facts), dtype=dtype, count=len(facts))


def _binary_rows(*sides: list[frozenset[str]]) -> list[sparse.csr_matrix]:
    """Each side's word sets as binary rows over one vocabulary. Words are numbered as first
    met, not sorted: only which words two rows share counts."""
    every_word = dict.fromkeys(chain.from_iterable(chain.from_iterable(sides)))
    vocabulary = {word: i for i, word in enumerate(every_word)}
    matrices = []
    for word_sets in sides:
        indptr = np.zeros(len(word_sets) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, word_sets), dtype=np.int64, count=len(word_sets)), out=indptr[1:])
        indices = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(word_sets)),
                              dtype=np.int32, count=int(indptr[-1]))
        matrix = sparse.csr_matrix((np.ones(len(indices), dtype=np.int32), indices, indptr),
                                   shape=(len(word_sets), len(vocabulary)))
        matrix.sort_indices()
        matrices.append(matrix)
    return matrices


def _flags(rows: int, columns: int, members: list, index: dict) -> np.ndarray:
    """A rows × columns bool matrix, True where row i lists a value (`members[i]`)."""
    flags = np.zeros((rows, columns), dtype=bool)
    row_of = np.repeat(np.arange(rows), np.fromiter(map(len, members), dtype=np.int64, count=rows))
    flags[row_of, list(map(index.__getitem__, chain.from_iterable(members)))] = True
    return flags


def build_arrays(
    trainees: list[TraineeFacts], vacancies: list[VacancyFacts]
) -> tuple[TraineeArrays, VacancyArrays]:
    """Turn facts into aligned arrays: shared region, specialty, kind and word indexes."""
    acceptable = [t.acceptable_region_ids for t in trainees]
    regions = _index(set().union(*acceptable, map(attrgetter("region_id"), vacancies)))
    specialties = _index(set(map(attrgetter("specialty_id"), trainees)).union(
        *map(attrgetter("specialty_ids"), vacancies)))
    kinds = _index(set(map(attrgetter("role_type_id"), vacancies)).union(
        *map(attrgetter("wanted_role_type_ids"), trainees)))
    trainee_words, vacancy_words = _binary_rows([t.words for t in trainees], [v.words for v in vacancies])
    va = _vacancy_arrays(vacancies, regions, specialties, kinds, vacancy_words)
    return _trainee_arrays(trainees, acceptable, va, regions, specialties, kinds, trainee_words), va


def _trainee_arrays(trainees, acceptable, va: VacancyArrays, regions, specialties, kinds,
                    words: sparse.csr_matrix) -> TraineeArrays:
    count = len(trainees)
    accepts = _flags(count, len(regions), acceptable, regions)
    wants = _flags(count, len(kinds), [t.wanted_role_type_ids for t in trainees], kinds)
    months = np.array([t.months_since_completion for t in trainees], dtype=float)  # None: NaN
    strength = np.array([t.domain_strength for t in trainees], dtype=float).reshape(-1, DOMAINS)
    sessions = _column(trainees, "sessions_wanted", float)
    experience = experience_value(_column(trainees, "completed_fellowships", float),
                                  _column(trainees, "roles_held", float),
                                  _column(trainees, "projects_with_outcome", float))
    recency = recency_value(months)
    kind_value = np.where(np.any(wants, axis=1, keepdims=True), wants.astype(float), UNSAID)
    return TraineeArrays(
        ids=_column(trainees, "id", np.int64),
        rank=_column(trainees, "grade_rank", np.int64),
        specialty=np.fromiter(map(specialties.__getitem__, map(attrgetter("specialty_id"), trainees)),
                              dtype=np.int64, count=count),
        available=np.array([t.available_from.toordinal() if t.available_from else 0
                            for t in trainees], dtype=np.int64),
        sessions=sessions, strength=strength, experience=experience, recency=recency,
        accepts_region=accepts, words=words,
        word_count=np.asarray(words.sum(axis=1), dtype=float).ravel(),
        kind_value=kind_value,
        profile_cents=_profile_cents(va, strength, experience, recency, sessions, kind_value),
    )


def _profile_cents(va: VacancyArrays, strength, experience, recency, sessions, kind_value) -> np.ndarray:
    """Each trainee's points, in cents, for every part but text and specialty, against each
    distinct profile of vacancy (set of domains, sessions offered, kind of role).

    Each part is worked out per trainee and distinct value of what it reads, then added
    up per profile: a few thousand cells per trainee, not one per pair."""
    domain_sets = _distinct_rows(va.required, va.domain_set)
    offered = _distinct_values(va.sessions, va.offered)
    coverage = cents("coverage", coverage_value(strength[:, None, :], domain_sets, domain_sets.sum(axis=1)))
    session_cents = cents("sessions", sessions_value(sessions[:, None], offered))
    kind_cents = cents("aspiration", kind_value)
    own = cents("experience", experience) + cents("recency", recency)
    profiles = np.zeros((int(va.profile.max(initial=-1)) + 1, 3), dtype=np.int64)
    profiles[va.profile] = np.stack([va.domain_set, va.offered, va.kind], axis=1)
    return (own[:, None] + coverage[:, profiles[:, 0]] + session_cents[:, profiles[:, 1]]
            + kind_cents[:, profiles[:, 2]])


def _distinct_rows(matrix: np.ndarray, index: np.ndarray) -> np.ndarray:
    """The distinct rows of `matrix`, row i being the one `index` points to."""
    distinct = np.zeros((int(index.max(initial=-1)) + 1, matrix.shape[1]))
    distinct[index] = matrix
    return distinct


def _distinct_values(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    distinct = np.zeros(int(index.max(initial=-1)) + 1)
    distinct[index] = values
    return distinct


def _vacancy_arrays(vacancies, regions, specialties, kinds, words: sparse.csr_matrix) -> VacancyArrays:
    count = len(vacancies)
    required = _flags(count, DOMAINS, [v.required_domains for v in vacancies],
                      {d: d - 1 for d in range(1, DOMAINS + 1)}).astype(float)
    listed = [v.specialty_ids for v in vacancies]
    specialty_ok = _flags(count, len(specialties), listed, specialties)
    specialty_ok[[not ids for ids in listed]] = True  # none listed: open to any specialty
    sessions = np.array([v.sessions_offered for v in vacancies], dtype=float)
    kind = np.array([kinds[v.role_type_id] for v in vacancies], dtype=np.int64)
    domain_set = _which(required)
    offered = _which(sessions[:, None])
    return VacancyArrays(
        ids=_column(vacancies, "id", np.int64),
        region=np.array([regions[v.region_id] for v in vacancies], dtype=np.int64),
        remote=_column(vacancies, "remote_possible", bool),
        min_rank=_column(vacancies, "min_rank", np.int64),
        max_rank=_column(vacancies, "max_rank", np.int64),
        start=np.array([v.start_date.toordinal() for v in vacancies], dtype=np.int64),
        sessions=sessions,
        required=required,
        required_count=required.sum(axis=1),
        specialty_ok=specialty_ok,
        words=words,
        word_count=np.asarray(words.sum(axis=1), dtype=float).ravel(),
        appointed=[v.appointed_trainee_ids for v in vacancies],
        kind=kind, domain_set=domain_set, offered=offered,
        profile=_which(np.stack([domain_set, offered, kind], axis=1)),
    )


def _which(rows: np.ndarray) -> np.ndarray:
    """For each row, the index of its value among the distinct rows."""
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    return np.unique(rows, axis=0, return_inverse=True)[1].reshape(-1).astype(np.int64)


# -- scoring a block of pairs ------------------------------------------------------------

@dataclass
class Block:
    """Scores of some trainees (rows) against some vacancies (columns)."""

    tr: TraineeArrays = field(repr=False)
    va: VacancyArrays = field(repr=False)
    rows: np.ndarray  # indexes into TraineeArrays
    cols: np.ndarray  # indexes into VacancyArrays
    eligible: np.ndarray  # rows × cols, bool
    cents: np.ndarray  # rows × cols: the score in hundredths

    @property
    def score(self) -> np.ndarray:
        return self.cents / 100

    @cached_property
    def key_for_vacancy(self) -> np.ndarray:
        """Ranks trainees within a column; NOT_ELIGIBLE if not eligible."""
        ids = self.tr.ids[self.rows][:, None]
        return np.where(self.eligible, self.cents.astype(np.int64) * ID_SPACE + (ID_SPACE - 1 - ids),
                        NOT_ELIGIBLE)

    @cached_property
    def key_for_trainee(self) -> np.ndarray:
        """Ranks vacancies within a row."""
        ids = self.va.ids[self.cols][None, :]
        return np.where(self.eligible, self.cents.astype(np.int64) * ID_SPACE + (ID_SPACE - 1 - ids),
                        NOT_ELIGIBLE)

    @cached_property
    def _parts(self) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        r, c = np.meshgrid(self.rows, self.cols, indexing="ij")
        values, points = pair_parts(self.tr, self.va, r.ravel(), c.ravel())
        shape = self.cents.shape
        return ({f: v.reshape(shape) for f, v in values.items()},
                {f: p.reshape(shape) for f, p in points.items()})

    @property
    def values(self) -> dict[str, np.ndarray]:
        """Each feature's value for every pair: explaining scores, not ranking them."""
        return self._parts[0]

    @property
    def points(self) -> dict[str, np.ndarray]:
        return self._parts[1]


def _eligibility(tr: TraineeArrays, va: VacancyArrays, rows, cols) -> np.ndarray:
    rank = tr.rank[rows][:, None]
    eligible = (rank >= va.min_rank[cols]) & (rank <= va.max_rank[cols])
    eligible &= tr.available[rows][:, None] <= va.start[cols]
    eligible &= va.remote[cols] | _take_rows(tr.accepts_region, rows).take(va.region[cols], axis=1)
    row_of = {trainee_id: i for i, trainee_id in enumerate(tr.ids[rows])}
    for j, col in enumerate(cols):
        for trainee_id in va.appointed[col]:
            if trainee_id in row_of:
                eligible[row_of[trainee_id], j] = False
    return eligible


def _take_rows(matrix, rows: np.ndarray):
    """Rows of a (sparse) matrix, without copying it when all rows are wanted in order."""
    whole = len(rows) == matrix.shape[0] and (len(rows) == 0 or rows[-1] == len(rows) - 1)
    return matrix if whole and np.array_equal(rows, np.arange(len(rows))) else matrix[rows]


def _score_cents(tr: TraineeArrays, va: VacancyArrays, rows, cols) -> np.ndarray:
    """Every pair's score in hundredths: the looked-up parts, then the words shared."""
    total = _take_rows(tr.profile_cents, rows).take(va.profile[cols], axis=1)
    # Specialty points of each of the block's roles for a trainee of each specialty.
    by_specialty = va.specialty_ok[cols].T * cents("specialty", 1.0)
    total += by_specialty.take(tr.specialty[rows], axis=0)
    shared = (_take_rows(tr.words, rows) @ va.words[cols].T).tocsr()
    # Only pairs that share a word have text points: worked out for those alone.
    r = np.repeat(np.arange(shared.shape[0]), np.diff(shared.indptr))
    c = shared.indices
    flat = total.reshape(-1)  # a view: adding into it adds into `total`
    flat[r * total.shape[1] + c] += cents("text", text_value(
        shared.data.astype(float), tr.word_count[rows][r], va.word_count[cols][c]))
    return total


def score_block(tr: TraineeArrays, va: VacancyArrays, rows, cols) -> Block:
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    return Block(tr, va, rows, cols, _eligibility(tr, va, rows, cols), _score_cents(tr, va, rows, cols))


def pair_parts(tr: TraineeArrays, va: VacancyArrays, r: np.ndarray, c: np.ndarray
               ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each feature's value and points for pairs (trainee row r[i], vacancy column c[i])."""
    shared = np.asarray(tr.words[r].multiply(va.words[c]).sum(axis=1), dtype=float).ravel()
    values = {
        "coverage": coverage_value(tr.strength[r], va.required[c], va.required_count[c]),
        "experience": tr.experience[r],
        "text": text_value(shared, tr.word_count[r], va.word_count[c]),
        "specialty": va.specialty_ok[c, tr.specialty[r]].astype(float),
        "sessions": sessions_value(tr.sessions[r], va.sessions[c]),
        "recency": tr.recency[r],
        "aspiration": tr.kind_value[r, va.kind[c]],
    }
    return values, {f: round_points(WEIGHTS[f] * values[f]) for f in FEATURES}


def ranking_key(score: float, other_id: int) -> int:
    """The same key as the engine's, for one stored (score, id) pair."""
    return round(score * 100) * ID_SPACE + (ID_SPACE - 1 - other_id)


def top_k(keys: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Mask of the k highest eligible keys along an axis (keys are distinct per line)."""
    size = keys.shape[axis]
    if size <= k:
        return keys != NOT_ELIGIBLE
    kth = np.take(np.partition(keys, size - k, axis=axis), [size - k], axis=axis)
    return (keys >= kth) & (keys != NOT_ELIGIBLE)


def column_blocks(tr: TraineeArrays, va: VacancyArrays, cols=None,
                  block_cells: int = BLOCK_CELLS) -> Iterator[Block]:
    """All trainees against the given vacancies, a bounded slice of columns at a time."""
    cols = np.arange(len(va.ids)) if cols is None else np.asarray(cols, dtype=np.int64)
    width = max(1, block_cells // max(1, len(tr.ids)))
    rows = np.arange(len(tr.ids))
    for start in range(0, len(cols), width):
        yield score_block(tr, va, rows, cols[start:start + width])


def trainee_thresholds(tr: TraineeArrays, va: VacancyArrays, k: int,
                       block_cells: int = BLOCK_CELLS) -> np.ndarray:
    """Each trainee's k-th best key over all vacancies (NOT_ELIGIBLE: fewer than k)."""
    best = np.full((len(tr.ids), k), NOT_ELIGIBLE, dtype=np.int64)
    for block in column_blocks(tr, va, block_cells=block_cells):
        both = np.concatenate([best, block.key_for_trainee], axis=1)
        best = -np.partition(-both, k - 1, axis=1)[:, :k]
    return best.min(axis=1)


@dataclass
class Kept:
    """The pairs a job keeps: positions into the arrays, with their scores in hundredths."""

    trainee_rows: np.ndarray
    vacancy_cols: np.ndarray
    score_cents: np.ndarray

    @property
    def score(self) -> np.ndarray:
        return self.score_cents / 100

    def parts(self, tr: TraineeArrays, va: VacancyArrays
              ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """Each kept pair's values and points, for its reasons."""
        return pair_parts(tr, va, self.trainee_rows, self.vacancy_cols)

    def subset(self, positions: np.ndarray) -> "Kept":
        return Kept(self.trainee_rows[positions], self.vacancy_cols[positions],
                    self.score_cents[positions])

    @classmethod
    def empty(cls) -> "Kept":
        nothing = np.zeros(0, dtype=np.int64)
        return cls(nothing, nothing, nothing.astype(np.int32))

    @classmethod
    def from_block(cls, block: Block, mask: np.ndarray) -> "Kept":
        # Vacancy by vacancy: a role's rows are then written side by side on disk, so reading
        # a role's list (its page, a trainee's rematch) touches few pages.
        c, r = np.nonzero(mask.T)
        return cls(block.rows[r], block.cols[c], block.cents[r, c])

    @classmethod
    def concat(cls, parts: list["Kept"]) -> "Kept":
        if not parts:
            return cls.empty()
        return cls(np.concatenate([p.trainee_rows for p in parts]),
                   np.concatenate([p.vacancy_cols for p in parts]),
                   np.concatenate([p.score_cents for p in parts]))

    def __len__(self) -> int:
        return len(self.score_cents)


def keep_for_vacancies(tr: TraineeArrays, va: VacancyArrays, cols, k: int,
                       thresholds: np.ndarray, block_cells: int = BLOCK_CELLS) -> tuple[Kept, int]:
    """Pairs for some vacancies: each one's top k trainees, plus pairs that beat the
    trainee's own k-th best key (`thresholds`, one per trainee row)."""
    kept, scored = [], 0
    for block in column_blocks(tr, va, cols, block_cells):
        mask = top_k(block.key_for_vacancy, k, axis=0)
        mask |= (block.key_for_trainee >= thresholds[:, None]) & block.eligible
        kept.append(Kept.from_block(block, mask))
        scored += block.eligible.size
    return Kept.concat(kept), scored


def keep_for_trainee(tr: TraineeArrays, va: VacancyArrays, row: int, k: int,
                     thresholds: np.ndarray) -> tuple[Kept, int]:
    """Pairs for one trainee: their top k vacancies, plus pairs that beat the vacancy's
    own k-th best key (`thresholds`, one per vacancy column)."""
    block = score_block(tr, va, [row], np.arange(len(va.ids)))
    mask = top_k(block.key_for_trainee, k, axis=1)
    mask |= (block.key_for_vacancy >= thresholds[None, :]) & block.eligible
    return Kept.from_block(block, mask), block.eligible.size
