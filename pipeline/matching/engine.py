"""Score trainees against vacancies with whole arrays (numpy), never a loop per pair.

The model is written down in docs/matching.md. Every feature is computed
element-wise in a fixed order, so a pair gets the same score whichever block of
the matrix it is computed in; the reference implementation in the tests applies
the same formulas one pair at a time and a property test proves the two equal.

Ranking uses an integer key per pair: the score in hundredths, then the other
side's id (lower id first) to break ties, so every list has one deterministic order.
"""

from collections.abc import Iterator
from dataclasses import dataclass

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


def round_points(x):
    """Round half up to hundredths, identically for numpy arrays and Python floats."""
    return np.floor(x * 100 + 0.5) / 100


def experience_value(fellowships, roles, projects):
    return (0.5 * np.minimum(1, fellowships) + 0.25 * np.minimum(1, roles / 2)
            + 0.25 * np.minimum(1, projects / 2))


# A trainee who named no kind of role sits halfway: helped no more than one who wants
# this kind, held back no more than one who wants other kinds (docs/matching.md).
UNSAID = 0.5


def recency_value(months):
    """1 up to 12 months since completion, falling to 0 at 36; NaN (never) is 0."""
    value = np.clip(1 - (months - 12) / 24, 0, 1)
    return np.where(np.isnan(months), 0.0, value)


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


def _index(values) -> dict:
    return {value: i for i, value in enumerate(sorted(set(values)))}


def _binary_rows(word_sets: list[frozenset[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    indptr, indices = [0], []
    for words in word_sets:
        indices.extend(sorted(vocabulary[w] for w in words))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(word_sets), len(vocabulary)))


def build_arrays(
    trainees: list[TraineeFacts], vacancies: list[VacancyFacts]
) -> tuple[TraineeArrays, VacancyArrays]:
    """Turn facts into aligned arrays: shared region, specialty, kind and word indexes."""
    regions = _index([r for t in trainees for r in t.acceptable_region_ids]
                     + [v.region_id for v in vacancies])
    specialties = _index([t.specialty_id for t in trainees]
                         + [s for v in vacancies for s in v.specialty_ids])
    kinds = _index([k for t in trainees for k in t.wanted_role_type_ids]
                   + [v.role_type_id for v in vacancies])
    vocabulary = _index([w for t in trainees for w in t.words] + [w for v in vacancies for w in v.words])
    return (_trainee_arrays(trainees, regions, specialties, kinds, vocabulary),
            _vacancy_arrays(vacancies, regions, specialties, kinds, vocabulary))


def _trainee_arrays(trainees, regions, specialties, kinds, vocabulary) -> TraineeArrays:
    accepts = np.zeros((len(trainees), len(regions)), dtype=bool)
    wants = np.zeros((len(trainees), len(kinds)), dtype=bool)
    for row, t in enumerate(trainees):
        accepts[row, [regions[r] for r in t.acceptable_region_ids]] = True
        wants[row, [kinds[k] for k in t.wanted_role_type_ids]] = True
    months = np.array([np.nan if t.months_since_completion is None else t.months_since_completion
                       for t in trainees], dtype=float)
    words = _binary_rows([t.words for t in trainees], vocabulary)
    return TraineeArrays(
        ids=np.array([t.id for t in trainees], dtype=np.int64),
        rank=np.array([t.grade_rank for t in trainees], dtype=np.int64),
        specialty=np.array([specialties[t.specialty_id] for t in trainees], dtype=np.int64),
        available=np.array([t.available_from.toordinal() if t.available_from else 0
                            for t in trainees], dtype=np.int64),
        sessions=np.array([t.sessions_wanted for t in trainees], dtype=float),
        strength=np.array([t.domain_strength for t in trainees], dtype=float).reshape(-1, DOMAINS),
        experience=experience_value(
            np.array([t.completed_fellowships for t in trainees], dtype=float),
            np.array([t.roles_held for t in trainees], dtype=float),
            np.array([t.projects_with_outcome for t in trainees], dtype=float),
        ),
        recency=recency_value(months),
        accepts_region=accepts,
        words=words,
        word_count=np.asarray(words.sum(axis=1), dtype=float).ravel(),
        # Worked out once per kind, so a block only looks values up.
        kind_value=np.where(np.any(wants, axis=1, keepdims=True), wants.astype(float), UNSAID),
    )


def _vacancy_arrays(vacancies, regions, specialties, kinds, vocabulary) -> VacancyArrays:
    required = np.zeros((len(vacancies), DOMAINS), dtype=float)
    specialty_ok = np.zeros((len(vacancies), len(specialties)), dtype=bool)
    for row, v in enumerate(vacancies):
        required[row, [d - 1 for d in v.required_domains]] = 1.0
        if v.specialty_ids:
            specialty_ok[row, [specialties[s] for s in v.specialty_ids]] = True
        else:
            specialty_ok[row, :] = True
    words = _binary_rows([v.words for v in vacancies], vocabulary)
    return VacancyArrays(
        ids=np.array([v.id for v in vacancies], dtype=np.int64),
        region=np.array([regions[v.region_id] for v in vacancies], dtype=np.int64),
        remote=np.array([v.remote_possible for v in vacancies], dtype=bool),
        min_rank=np.array([v.min_rank for v in vacancies], dtype=np.int64),
        max_rank=np.array([v.max_rank for v in vacancies], dtype=np.int64),
        start=np.array([v.start_date.toordinal() for v in vacancies], dtype=np.int64),
        sessions=np.array([v.sessions_offered for v in vacancies], dtype=float),
        required=required,
        required_count=required.sum(axis=1),
        specialty_ok=specialty_ok,
        words=words,
        word_count=np.asarray(words.sum(axis=1), dtype=float).ravel(),
        appointed=[v.appointed_trainee_ids for v in vacancies],
        kind=np.array([kinds[v.role_type_id] for v in vacancies], dtype=np.int64),
    )


@dataclass
class Block:
    """Scores of some trainees (rows) against some vacancies (columns)."""

    rows: np.ndarray  # indexes into TraineeArrays
    cols: np.ndarray  # indexes into VacancyArrays
    eligible: np.ndarray  # rows × cols, bool
    values: dict[str, np.ndarray]  # feature → rows × cols, each in [0, 1]
    points: dict[str, np.ndarray]
    score: np.ndarray
    key_for_vacancy: np.ndarray  # ranks trainees within a column; NOT_ELIGIBLE if not
    key_for_trainee: np.ndarray  # ranks vacancies within a row


def _eligibility(tr: TraineeArrays, va: VacancyArrays, rows, cols) -> np.ndarray:
    rank = tr.rank[rows][:, None]
    eligible = (rank >= va.min_rank[cols]) & (rank <= va.max_rank[cols])
    eligible &= tr.available[rows][:, None] <= va.start[cols]
    eligible &= va.remote[cols] | tr.accepts_region[np.ix_(rows, va.region[cols])]
    row_of = {trainee_id: i for i, trainee_id in enumerate(tr.ids[rows])}
    for j, col in enumerate(cols):
        for trainee_id in va.appointed[col]:
            if trainee_id in row_of:
                eligible[row_of[trainee_id], j] = False
    return eligible


def _values(tr: TraineeArrays, va: VacancyArrays, rows, cols) -> dict[str, np.ndarray]:
    shape = (len(rows), len(cols))
    coverage = np.zeros(shape)
    for d in range(DOMAINS):  # a fixed order of additions: same result in any block
        coverage = coverage + tr.strength[rows, d][:, None] * va.required[cols, d]
    coverage = np.divide(coverage, va.required_count[cols], out=np.zeros(shape),
                         where=va.required_count[cols] > 0)
    shared = (_take_rows(tr.words, rows) @ va.words[cols].T).toarray().astype(float)
    denominator = np.sqrt(tr.word_count[rows][:, None] * va.word_count[cols])
    cosine = np.divide(shared, denominator, out=np.zeros(shape), where=denominator > 0)
    wanted, offered = tr.sessions[rows][:, None], va.sessions[cols]
    return {
        "coverage": coverage,
        "experience": np.broadcast_to(tr.experience[rows][:, None], shape),
        "text": np.minimum(1.0, 2 * cosine),
        "specialty": va.specialty_ok[np.ix_(cols, tr.specialty[rows])].T.astype(float),
        "sessions": np.minimum(wanted, offered) / np.maximum(wanted, offered),
        "recency": np.broadcast_to(tr.recency[rows][:, None], shape),
        "aspiration": tr.kind_value[np.ix_(rows, va.kind[cols])],
    }


def _take_rows(matrix: sparse.csr_matrix, rows: np.ndarray) -> sparse.csr_matrix:
    """Rows of a sparse matrix, without copying it when all rows are wanted in order."""
    whole = len(rows) == matrix.shape[0] and (len(rows) == 0 or rows[-1] == len(rows) - 1)
    return matrix if whole and np.array_equal(rows, np.arange(len(rows))) else matrix[rows]


def score_block(tr: TraineeArrays, va: VacancyArrays, rows, cols) -> Block:
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    eligible = _eligibility(tr, va, rows, cols)
    values = _values(tr, va, rows, cols)
    points = {f: round_points(WEIGHTS[f] * values[f]) for f in FEATURES}
    score = np.zeros(eligible.shape)
    for f in FEATURES:
        score = score + points[f]
    cents = np.rint(score * 100).astype(np.int64)
    score = cents / 100  # the float sum of rounded parts, without its representation noise
    key_for_vacancy = cents * ID_SPACE + (ID_SPACE - 1 - tr.ids[rows][:, None])
    key_for_trainee = cents * ID_SPACE + (ID_SPACE - 1 - va.ids[cols])
    return Block(rows, cols, eligible, values, points, score,
                 np.where(eligible, key_for_vacancy, NOT_ELIGIBLE),
                 np.where(eligible, key_for_trainee, NOT_ELIGIBLE))


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
    """The pairs a job keeps: positions into the arrays, with their values and points."""

    trainee_rows: np.ndarray
    vacancy_cols: np.ndarray
    values: dict[str, np.ndarray]
    points: dict[str, np.ndarray]
    score: np.ndarray

    @classmethod
    def empty(cls) -> "Kept":
        nothing = np.zeros(0)
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                   dict.fromkeys(FEATURES, nothing), dict.fromkeys(FEATURES, nothing), nothing)

    @classmethod
    def from_block(cls, block: Block, mask: np.ndarray) -> "Kept":
        r, c = np.nonzero(mask)
        return cls(block.rows[r], block.cols[c],
                   {f: np.asarray(block.values[f])[r, c] for f in FEATURES},
                   {f: block.points[f][r, c] for f in FEATURES}, block.score[r, c])

    @classmethod
    def concat(cls, parts: list["Kept"]) -> "Kept":
        if not parts:
            return cls.empty()
        return cls(np.concatenate([p.trainee_rows for p in parts]),
                   np.concatenate([p.vacancy_cols for p in parts]),
                   {f: np.concatenate([p.values[f] for p in parts]) for f in FEATURES},
                   {f: np.concatenate([p.points[f] for p in parts]) for f in FEATURES},
                   np.concatenate([p.score for p in parts]))

    def __len__(self) -> int:
        return len(self.score)


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
