"""Writing matches: the reasons' text, what counts as changed, and the write paths (#24)."""

import dataclasses
import gc
import itertools
import json
import uuid

import numpy as np
import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.matching import engine, facts, services
from pipeline.matching.facts import load_trainee_facts, load_vacancy_facts
from pipeline.matching.reasons import (
    FACTS,
    jsonb_text,
    reasons_digests,
    reasons_for,
    reasons_json,
    trainee_reason_inputs,
    vacancy_reason_inputs,
)
from pipeline.matching.store import Rows, _uuids, store_matches
from pipeline.models import Match, Vacancy
from schemes.models import Scheme
from tests import factories
from tests.pipeline.matching_scenarios import candidate, open_vacancy, rows
from tests.pipeline.test_matching_engine import trainee, vacancy
from trainees.models import Trainee

pytestmark = pytest.mark.django_db


def a_small_world() -> list:
    vacancies = [open_vacancy(title=f"Clinical lead for sepsis {i}", remote_possible=True) for i in range(3)]
    trainees = [candidate(project_text=f"Sepsis flow café naïve “quoted” back\\slash {i}") for i in range(4)]
    return trainees + vacancies


def test_the_fast_reasons_are_the_reasons_as_postgresql_prints_them():
    """`reasons_json` says what `reasons_for` says, in the very text PostgreSQL prints for the
    stored jsonb, so a digest of the two compares them."""
    a_small_world()
    trainees = load_trainee_facts(Trainee.objects.all(), today=timezone.localdate())
    vacancies = load_vacancy_facts(Vacancy.objects.all())
    tr, va = engine.build_arrays(trainees, vacancies)
    kept, _ = engine.keep_for_vacancies(tr, va, np.arange(len(va.ids)), 50,
                                        engine.trainee_thresholds(tr, va, 50))
    assert len(kept) == 12  # every trainee matches every role
    texts = reasons_json(kept, tr, va, trainees, vacancies)
    assert [json.loads(text) for text in texts] == reasons_for(kept, tr, va, trainees, vacancies)
    with connection.cursor() as cursor:
        for text in texts:
            cursor.execute("SELECT %s::jsonb::text", [text])
            assert cursor.fetchone()[0] == text


def test_jsonb_text_orders_keys_as_postgresql_does():
    value = {"feature": "x", "facts": {"scheme": "Darzi – “A”", "months": 3}, "points": 1.5, "a": [1, None]}
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::jsonb::text", [json.dumps(value)])
        assert cursor.fetchone()[0] == jsonb_text(value)


def test_a_second_full_rematch_writes_nothing():
    a_small_world()
    services.rematch_all_foreground()
    before = rows()
    run = services.rematch_all_foreground()
    assert rows() == before  # updated_at and computed_at included
    assert (run.rows_created, run.rows_updated, run.rows_deleted) == (0, 0, 0)


def test_a_reason_that_changes_without_the_score_is_rewritten():
    """Same pairs, same scores, other facts (the scheme renamed): the reasons' digests tell
    them apart, and only the rows that read the new name are written."""
    a_small_world()
    fellow = Trainee.objects.order_by("pk").first()
    fellowship = factories.FellowshipFactory(trainee=fellow)
    services.rematch_all_foreground()
    scores = dict(Match.objects.values_list("pk", "score"))
    Scheme.objects.filter(pk=fellowship.cohort.scheme_id).update(short_name="Darzi Fellowship (London)")
    run = services.rematch_all_foreground()
    assert (run.rows_created, run.rows_updated, run.rows_deleted) == (0, 3, 0)
    assert dict(Match.objects.values_list("pk", "score")) == scores
    for match in Match.objects.filter(trainee=fellow):
        recency = next(r for r in match.reasons if r["feature"] == "recency")
        assert recency["facts"]["scheme"] == "Darzi Fellowship (London)"


def test_a_row_without_a_digest_is_rewritten_once():
    """A row written some other way (before digests were kept) is rewritten by the next
    rematch, and then left alone."""
    a_small_world()
    services.rematch_all_foreground()
    Match.objects.filter(pk=Match.objects.order_by("pk").first().pk).update(reasons_digest=None)
    run = services.rematch_all_foreground()
    assert (run.rows_created, run.rows_updated, run.rows_deleted) == (0, 1, 0)
    assert not Match.objects.filter(reasons_digest__isnull=True).exists()
    run = services.rematch_all_foreground()
    assert (run.rows_created, run.rows_updated, run.rows_deleted) == (0, 0, 0)


def test_the_digest_covers_all_that_the_reasons_read():
    """Each FACTS function reads of the trainee and the role only what `*_reason_inputs`
    put in the digest, so equal digests mean equal reasons."""
    a_small_world()
    factories.FellowshipFactory(trainee=Trainee.objects.order_by("pk").first())
    trainee = load_trainee_facts(Trainee.objects.all(), today=timezone.localdate())[0]
    vacancy = load_vacancy_facts(Vacancy.objects.all())[0]
    read: dict[str, set[str]] = {"trainee": set(), "vacancy": set()}

    class Recording:
        def __init__(self, side, facts):
            self._side, self._facts = side, facts

        def __getattr__(self, name):
            read[self._side].add(name)
            return getattr(self._facts, name)

    # Every branch: a role open to any specialty, and one that lists some.
    for role in (vacancy, dataclasses.replace(vacancy, specialty_ids=frozenset({trainee.specialty_id}))):
        for facts_of in FACTS.values():
            facts_of(Recording("trainee", trainee), Recording("vacancy", role))
    assert read["trainee"] == {"domain_strength", "completed_fellowships", "roles_held",
                               "projects_with_outcome", "words", "specialty_id", "sessions_wanted",
                               "months_since_completion", "last_scheme", "wanted_role_type_ids"}
    assert read["vacancy"] == {"required_domains", "words", "specialty_ids", "sessions_offered",
                               "role_type_id"}
    # Each of them is in the inputs: changing it changes the digest's input.
    changes = {"domain_strength": (0.0,) * 5, "completed_fellowships": 7, "roles_held": 7,
               "projects_with_outcome": 7, "words": frozenset({"other"}), "specialty_id": -1,
               "sessions_wanted": 9, "months_since_completion": 99.0, "last_scheme": "Other",
               "wanted_role_type_ids": frozenset({-1})}
    for name, value in changes.items():
        changed = dataclasses.replace(trainee, **{name: value})
        assert trainee_reason_inputs(changed) != trainee_reason_inputs(trainee), name
    for name, value in {"required_domains": frozenset({5, 4, 3}), "words": frozenset({"other"}),
                        "specialty_ids": frozenset({-1}), "sessions_offered": 9,
                        "role_type_id": -1}.items():
        changed = dataclasses.replace(vacancy, **{name: value})
        assert vacancy_reason_inputs(changed) != vacancy_reason_inputs(vacancy), name


def test_new_rows_get_uuids_ordered_by_role_not_by_candidate():
    """Version 7 (RFC 9562): a role's uuids after those of the role written before it (and
    after any batch before), in no order within the role, and 50 random bits in each."""
    roles = np.array([5] * 300 + [9] * 200 + [2] * 100)
    first, second = _uuids(roles), _uuids(np.array([7] * 50))
    parsed = [uuid.UUID(hex=digits) for digits in first + second]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in parsed)
    runs = [[u.int for u in parsed[a:b]] for a, b in ((0, 300), (300, 500), (500, 600), (600, 650))]
    assert all(max(before) < min(after) for before, after in itertools.pairwise(runs))
    assert runs[0] != sorted(runs[0])  # the role's list order is not in its uuids
    assert len({u.int for u in parsed}) == 650
    assert len({u.int & (2**50 - 1) for u in parsed}) == 650  # the random tail differs


def test_a_changed_score_is_rewritten_and_a_stale_row_deleted():
    a_small_world()
    services.rematch_all_foreground()
    first = Match.objects.order_by("pk").first()
    Match.objects.filter(pk=first.pk).update(score=first.score + 1)
    stale = Match.objects.create(trainee=candidate(discoverable=False), vacancy=first.vacancy, score=1.0,
                                 reasons=[], computed_at=timezone.now())
    run = services.rematch_all_foreground()
    assert (run.rows_created, run.rows_updated, run.rows_deleted) == (0, 1, 1)
    assert Match.objects.get(pk=first.pk).score == first.score
    assert not Match.objects.filter(pk=stale.pk).exists()


def test_a_pair_stored_outside_the_scope_is_upserted_not_duplicated():
    """Another job may store a pair between the read and the write: the COPY of new rows
    then fails on the unique pair, and the same rows go through the upsert instead."""
    trainee, vacancy = candidate(), open_vacancy()
    services.match_vacancy(vacancy_id=vacancy.pk)
    stored = Match.objects.get()
    text = json.dumps(stored.reasons)
    rows_to_store = Rows(np.array([trainee.pk]), np.array([vacancy.pk]),
                         np.array([round(stored.score * 100) + 100]), np.array([stored.reasons_digest]),
                         lambda positions: [text] * len(positions))
    counts = store_matches(scope=Q(pk__in=[]), rows=rows_to_store)  # the stored row is out of scope
    assert (counts.created, counts.updated, counts.deleted) == (0, 1, 0)
    assert Match.objects.get().score == pytest.approx(stored.score + 1)


def test_facts_are_the_same_whether_the_ids_are_named_or_found_again(monkeypatch):
    """Up to NAMED_IDS, the facts' queries name the trainees' and roles' ids; beyond, they
    find them again with a subquery (a national rematch). Both read the same facts."""
    a_small_world()
    factories.FellowshipFactory(trainee=Trainee.objects.order_by("pk").first())
    today = timezone.localdate()
    named = (load_trainee_facts(Trainee.objects.all(), today=today),
             load_vacancy_facts(Vacancy.objects.all()))
    monkeypatch.setattr(facts, "NAMED_IDS", 0)
    found_again = (load_trainee_facts(Trainee.objects.all(), today=today),
                   load_vacancy_facts(Vacancy.objects.all()))
    assert found_again == named
    assert len(named[0]) == 4 and named[0][0].last_scheme  # the fellowship is read


def test_on_postgresql_the_indexes_carry_what_the_jobs_read():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'pipeline_match'")
        definitions = dict(cursor.fetchall())
    assert definitions["one_match_per_trainee_vacancy"].endswith("(trainee_id, vacancy_id) INCLUDE (score)")
    assert "(vacancy_id, score DESC) INCLUDE (trainee_id, reasons_digest, id)" in \
        definitions["pipeline_ma_vacancy_94677a_idx"]


@pytest.mark.django_db(transaction=True)
def test_a_full_rematch_that_wrote_vacuums_the_table(reference_data_loaded):
    """Outside a transaction (as the command and the workers run it), a full rematch that
    wrote rows vacuums the table, so the next jobs read scores from the indexes alone."""
    def vacuums() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'pipeline_match'")
            return cursor.fetchone()[0]

    a_small_world()
    before = vacuums()
    services.rematch_all_foreground()
    assert Match.objects.count() == 12
    assert vacuums() == before + 1
    services.rematch_all_foreground()  # nothing written: nothing to vacuum
    assert vacuums() == before + 1


def test_a_job_pauses_pythons_cycle_collector_and_restores_it():
    with services.cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), services.cycle_collection_paused():
        raise ValueError("a job that fails")
    assert gc.isenabled()
    gc.disable()  # paused by someone else: left as it was
    try:
        with services.cycle_collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_while_writing_the_rows_is_reported_as_itself():
    """psycopg2 would report it as "error in .read() call"; the job's log needs the real one."""
    trainee, vacancy = candidate(), open_vacancy()

    def broken(positions):
        raise LookupError("no reasons for these rows")

    rows_to_store = Rows(np.array([trainee.pk]), np.array([vacancy.pk]), np.array([5000]),
                         np.array([1]), broken)
    with pytest.raises(LookupError, match="no reasons for these rows"):
        store_matches(scope=Q(vacancy_id=vacancy.pk), rows=rows_to_store)
    assert not Match.objects.exists()


@settings(max_examples=150, deadline=None)
@given(trainee(1), vacancy(1, []), st.data())
def test_equal_reason_inputs_mean_equal_reasons_and_points_tell_rows_apart(t, v, data):
    """A trainee whose evidence is stronger or weaker in the same domains, and who completed
    their fellowship a few days earlier or later in the same month, has the same reason
    inputs: the reasons must then read the same (or the digest would keep stale reasons).
    What those changes do to the points, the digest sees."""
    strength = tuple(data.draw(st.sampled_from([0.125, 0.5, 1.0])) if s > 0 else 0.0
                     for s in t.domain_strength)
    months = t.months_since_completion
    if months is not None:
        months = int(months) + data.draw(st.sampled_from([0.0, 0.4, 0.9]))
    other = dataclasses.replace(t, id=2, domain_strength=strength, months_since_completion=months)
    assert trainee_reason_inputs(other) == trainee_reason_inputs(t)
    assert all(facts_of(other, v) == facts_of(t, v) for facts_of in FACTS.values())

    tr, va = engine.build_arrays([t, other], [v])
    kept = engine.Kept(np.array([0, 1]), np.array([0, 0]), np.array([0, 0]))
    _, points = kept.parts(tr, va)
    digests = reasons_digests(kept, tr, va, [t, other], [v])
    same_points = all(points[f][0] == points[f][1] for f in engine.FEATURES)
    assert (digests[0] == digests[1]) == same_points
