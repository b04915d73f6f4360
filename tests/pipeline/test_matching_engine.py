"""The numpy engine equals the plain reference implementation (property tests)."""

import dataclasses
import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer

from pipeline.matching import engine, reference
from pipeline.matching.facts import TraineeFacts, VacancyFacts, evidence_strength, words_of

WORDS = ["sepsis", "flow", "safety", "rota", "digital", "frailty", "theatre", "discharge"]
DAY0 = dt.date(2026, 1, 1)
RANKS = [10, 20, 30, 31, 35, 40, 60, 80, 110]
KINDS = [3, 5, 8, 13]  # kinds of role (LeadershipRoleType ids)

dates = st.integers(0, 400).map(lambda d: DAY0 + dt.timedelta(days=d))
strengths = st.tuples(*[st.sampled_from([0.0, 0.125, 0.25, 0.5, 0.75, 1.0])] * 5)


@st.composite
def trainee(draw, trainee_id: int) -> TraineeFacts:
    return TraineeFacts(
        id=trainee_id, grade_rank=draw(st.sampled_from(RANKS)),
        specialty_id=draw(st.integers(1, 3)), home_region_id=draw(st.integers(1, 3)),
        preferred_region_ids=frozenset(draw(st.sets(st.integers(1, 4), max_size=3))),
        available_from=draw(st.none() | dates), sessions_wanted=draw(st.integers(1, 6)),
        domain_strength=draw(strengths), completed_fellowships=draw(st.integers(0, 2)),
        months_since_completion=draw(st.none() | st.floats(0, 60, allow_nan=False)),
        last_scheme="Darzi Fellowship", roles_held=draw(st.integers(0, 4)),
        projects_with_outcome=draw(st.integers(0, 4)),
        words=frozenset(draw(st.sets(st.sampled_from(WORDS), max_size=5))),
        # Often empty (they did not say), else some of the vacancies' kinds.
        wanted_role_type_ids=frozenset(draw(st.sets(st.sampled_from(KINDS), max_size=3))),
    )


@st.composite
def vacancy(draw, vacancy_id: int, trainee_ids: list[int]) -> VacancyFacts:
    low = draw(st.sampled_from(RANKS))
    return VacancyFacts(
        id=vacancy_id, region_id=draw(st.integers(1, 4)), remote_possible=draw(st.booleans()),
        min_rank=low, max_rank=draw(st.sampled_from([r for r in RANKS if r >= low])),
        start_date=draw(dates), sessions_offered=draw(st.integers(1, 6)),
        required_domains=frozenset(draw(st.sets(st.integers(1, 5), min_size=1, max_size=3))),
        specialty_ids=frozenset(draw(st.sets(st.integers(1, 3), max_size=2))),
        words=frozenset(draw(st.sets(st.sampled_from(WORDS), max_size=5))),
        appointed_trainee_ids=frozenset(draw(st.sets(st.sampled_from(trainee_ids), max_size=2))
                                        if trainee_ids else set()),
        role_type_id=draw(st.sampled_from(KINDS)),
    )


@st.composite
def world(draw):
    t_ids = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=14, unique=True))
    v_ids = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=9, unique=True))
    trainees = [draw(trainee(i)) for i in sorted(t_ids)]
    vacancies = [draw(vacancy(i, t_ids)) for i in sorted(v_ids)]
    return trainees, vacancies, draw(st.integers(1, 4)), draw(st.integers(1, 40))


def engine_full(trainees, vacancies, k, block_cells) -> dict[tuple[int, int], float]:
    tr, va = engine.build_arrays(trainees, vacancies)
    thresholds = engine.trainee_thresholds(tr, va, k, block_cells=block_cells)
    kept, _ = engine.keep_for_vacancies(tr, va, np.arange(len(va.ids)), k, thresholds, block_cells)
    pairs = zip(tr.ids[kept.trainee_rows].tolist(), va.ids[kept.vacancy_cols].tolist(), strict=True)
    return dict(zip(pairs, kept.score.tolist(), strict=True))


def kth_key(pairs, owner_index: int, owner_id: int, exclude_other: int, k: int) -> int:
    other_index = 1 - owner_index
    keys = sorted((engine.ranking_key(s, pair[other_index]) for pair, s in pairs.items()
                   if pair[owner_index] == owner_id and pair[other_index] != exclude_other),
                  reverse=True)
    return keys[k - 1] if len(keys) >= k else engine.NOT_ELIGIBLE


@settings(max_examples=200, deadline=None)
@given(world())
def test_engine_stores_the_same_pairs_and_scores_as_the_reference(case):
    trainees, vacancies, k, block_cells = case
    assert engine_full(trainees, vacancies, k, block_cells) == reference.stored_pairs(
        trainees, vacancies, k)


@settings(max_examples=200, deadline=None)
@given(world())
def test_engine_ranks_each_vacancys_candidates_in_the_reference_order(case):
    trainees, vacancies, k, block_cells = case
    ours = engine_full(trainees, vacancies, k, block_cells)
    expected = reference.stored_pairs(trainees, vacancies, k)
    for v in vacancies:
        ranked = sorted(((engine.ranking_key(s, t), t) for (t, vid), s in ours.items() if vid == v.id),
                        reverse=True)
        assert [t for _, t in ranked] == reference.ranked_for_vacancy(expected, v.id)


@settings(max_examples=200, deadline=None)
@given(world())
def test_rematching_one_vacancy_reproduces_its_rows(case):
    """Against the stored rows of a full run, a vacancy's own job gives the same rows."""
    trainees, vacancies, k, _ = case
    stored = reference.stored_pairs(trainees, vacancies, k)
    tr, va = engine.build_arrays(trainees, vacancies)
    for col, v in enumerate(vacancies):
        thresholds = np.array([kth_key(stored, 0, t.id, v.id, k) for t in trainees])
        kept, _ = engine.keep_for_vacancies(tr, va, [col], k, thresholds)
        got = {(int(tr.ids[r]), v.id) for r in kept.trainee_rows}
        assert got == {pair for pair in stored if pair[1] == v.id}


@settings(max_examples=200, deadline=None)
@given(world())
def test_rematching_one_trainee_reproduces_their_rows(case):
    trainees, vacancies, k, _ = case
    stored = reference.stored_pairs(trainees, vacancies, k)
    tr, va = engine.build_arrays(trainees, vacancies)
    for row, t in enumerate(trainees):
        thresholds = np.array([kth_key(stored, 1, v.id, t.id, k) for v in vacancies])
        kept, _ = engine.keep_for_trainee(tr, va, row, k, thresholds)
        got = {(t.id, int(va.ids[c])) for c in kept.vacancy_cols}
        assert got == {pair for pair in stored if pair[0] == t.id}


@settings(max_examples=200, deadline=None)
@given(world())
def test_the_parts_add_up_to_the_score(case):
    trainees, vacancies, _, _ = case
    tr, va = engine.build_arrays(trainees, vacancies)
    block = engine.score_block(tr, va, np.arange(len(tr.ids)), np.arange(len(va.ids)))
    total = sum(block.points[f] for f in engine.FEATURES)
    assert np.allclose(total, block.score, atol=1e-9)
    assert ((block.score >= 0) & (block.score <= 100)).all()


@settings(max_examples=200, deadline=None)
@given(world())
def test_every_part_of_every_pair_equals_the_references(case):
    """Pair by pair, stored or not: each feature's value and points, the score, eligibility."""
    trainees, vacancies, _, _ = case
    tr, va = engine.build_arrays(trainees, vacancies)
    block = engine.score_block(tr, va, np.arange(len(tr.ids)), np.arange(len(va.ids)))
    for i, t in enumerate(trainees):
        for j, v in enumerate(vacancies):
            expected = reference.values(t, v)
            assert list(expected) == list(engine.FEATURES)  # added in the same order
            for f in engine.FEATURES:
                assert block.values[f][i, j] == expected[f], (f, t, v)
                assert block.points[f][i, j] == reference.round_half_up(reference.WEIGHTS[f] * expected[f])
            assert block.score[i, j] == reference.score(t, v)
            assert block.eligible[i, j] == reference.eligible(t, v)


@settings(max_examples=200, deadline=None)
@given(world(), st.sampled_from(KINDS))
def test_wanting_a_roles_kind_lifts_it_and_saying_nothing_sits_halfway(case, other_kind):
    """The same trainee, wanting this kind, saying nothing, wanting only other kinds: the
    score falls by the same 5 points at each step, and nothing else changes."""
    trainees, vacancies, _, _ = case
    t, v = trainees[0], vacancies[0]
    other_kind = next(k for k in KINDS if k != v.role_type_id) if other_kind == v.role_type_id else other_kind
    wants_this = dataclasses.replace(t, wanted_role_type_ids=frozenset({v.role_type_id, other_kind}))
    unsaid = dataclasses.replace(t, wanted_role_type_ids=frozenset())
    wants_other = dataclasses.replace(t, wanted_role_type_ids=frozenset({other_kind}))
    tr, va = engine.build_arrays([wants_this, unsaid, wants_other], [v])
    # The three share an id: fine for scoring, which never reads it.
    block = engine.score_block(tr, va, np.arange(3), np.arange(1))
    scores = block.score[:, 0].tolist()
    assert round(scores[0] - scores[1], 2) == round(scores[1] - scores[2], 2) == 5.0
    assert block.points["aspiration"][:, 0].tolist() == [10.0, 5.0, 0.0]
    for f in engine.FEATURES:
        if f != "aspiration":
            assert len(set(block.points[f][:, 0].tolist())) == 1, f
    # Saying nothing: the kind of role makes no difference to the score.
    other_role = dataclasses.replace(v, role_type_id=other_kind)
    assert reference.score(unsaid, v) == reference.score(unsaid, other_role) == scores[1]


def test_evidence_strength_weighs_level_and_recency():
    today = dt.date(2026, 11, 28)
    rows = [(4, "exemplary", today), (4, "proficient", today - dt.timedelta(days=730)),
            (1, "essential", today - dt.timedelta(days=3650))]
    strength = evidence_strength(rows, today)
    assert strength[3] == 1.0  # 1.0 + 0.5 × 0.5, capped at 1
    assert strength[0] == 0.25 * 0.25  # ten years old: recency floor
    assert strength[1:3] == (0.0, 0.0)


# Letters, marks, digits, quotes and spaces of several scripts, and whole words (stop words too).
TEXT = st.lists(st.sampled_from(list("aeiou sxyzAEÉé'’-_1 \n\tΣσς“”ßİ") + WORDS + [" the ", " and "]),
                max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.none() | TEXT, max_size=4))
def test_words_are_scikit_learns_english_words(texts):
    """`words_of`, written out for speed, finds the words scikit-learn's analyser finds."""
    analyse = CountVectorizer(stop_words="english").build_analyzer()
    expected = frozenset(word for text in texts if text for word in analyse(text))
    assert words_of(*texts) == expected
