"""Writing matches: the reasons' text, what counts as changed, and the write paths (#24)."""

import json

import numpy as np
import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from pipeline.matching import engine, services
from pipeline.matching.facts import load_trainee_facts, load_vacancy_facts
from pipeline.matching.reasons import jsonb_text, reasons_for, reasons_json
from pipeline.matching.store import Rows, store_matches
from pipeline.models import Match, Vacancy
from tests.pipeline.matching_scenarios import candidate, open_vacancy, rows
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
    """Same pair, same score, other facts: the digest of the reasons tells them apart."""
    a_small_world()
    services.rematch_all_foreground()
    match = Match.objects.order_by("pk").first()
    reasons = match.reasons
    reasons[0]["facts"] = {"evidenced": 99, "required": 99}  # what no job would write
    Match.objects.filter(pk=match.pk).update(reasons=reasons)
    run = services.rematch_all_foreground()
    assert (run.rows_created, run.rows_updated, run.rows_deleted) == (0, 1, 0)
    match.refresh_from_db()
    assert match.reasons[0]["facts"] != {"evidenced": 99, "required": 99}


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
                         np.array([round(stored.score * 100) + 100]),
                         lambda positions: [text] * len(positions))
    counts = store_matches(scope=Q(pk__in=[]), rows=rows_to_store)  # the stored row is out of scope
    assert (counts.created, counts.updated, counts.deleted) == (0, 1, 0)
    assert Match.objects.get().score == pytest.approx(stored.score + 1)
