"""Matching jobs: one vacancy, one trainee, or everything in chunks (docs/matching.md).

Each job reads facts, scores with the engine, and writes its own scope in one
transaction, recording a MatchRun. Tasks in pipeline/tasks.py only call these.
"""

import gc
import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from pipeline.matching import engine
from pipeline.matching.facts import TraineeFacts, VacancyFacts, load_trainee_facts, load_vacancy_facts
from pipeline.matching.reasons import reasons_digests, reasons_json
from pipeline.matching.store import Rows, StoreCounts, store_matches
from pipeline.models import Interest, Match, MatchRun, Vacancy
from trainees.models import Trainee


def top_k() -> int:
    return settings.MATCH_TOP_K


def _start_run(kind: str, target: str = "") -> MatchRun:
    return MatchRun.objects.create(kind=kind, target=target, started_at=timezone.now())


def _finish_run(run: MatchRun, *, scored: int, counts: StoreCounts) -> MatchRun:
    run.status = MatchRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.pairs_scored = scored
    run.rows_created, run.rows_updated, run.rows_deleted = counts.created, counts.updated, counts.deleted
    run.save(update_fields=["status", "finished_at", "pairs_scored", "rows_created", "rows_updated",
                            "rows_deleted", "updated_at"])
    return run


def _fail_run(run: MatchRun, error: BaseException) -> None:
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRun.Status.FAILED, finished_at=timezone.now(), error=repr(error)[:2000]
    )


KTH_STORED = """
    SELECT owner.id, kth.score, kth.other
    FROM unnest(%(ids)s::bigint[]) AS owner(id)
    CROSS JOIN LATERAL (
        SELECT m.score, m.{other} AS other FROM pipeline_match m
        WHERE m.{partition} = owner.id AND m.{other} <> %(leave_out)s
        ORDER BY m.score DESC, m.{other} ASC OFFSET %(skip)s LIMIT 1
    ) kth
"""


def _kth_stored_keys(partition: str, other: str, ids: np.ndarray, leave_out: int, k: int) -> np.ndarray:
    """Each id's k-th best stored match key, leaving out the job's own row (`leave_out` on
    the other side); engine.NOT_ELIGIBLE when it has fewer.

    One look-up per id down the (vacancy, score) or (trainee, vacancy) index, reading
    about k rows each, rather than ranking every row of every id (issue #24)."""
    if connection.vendor != "postgresql":
        return _kth_stored_keys_by_window(partition, other, ids, leave_out, k)
    sql = KTH_STORED.format(partition=partition, other=other)  # column names, not input
    with connection.cursor() as cursor:
        # Many tiny look-ups: compiling them (JIT) would cost more than running them.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, {"ids": ids.tolist(), "leave_out": leave_out, "skip": k - 1})
        keys = {owner: engine.ranking_key(score, other_id) for owner, score, other_id in cursor}
    return np.array([keys.get(i, engine.NOT_ELIGIBLE) for i in ids.tolist()], dtype=np.int64)


def _kth_stored_keys_by_window(partition: str, other: str, ids: np.ndarray, leave_out: int,
                               k: int) -> np.ndarray:
    """The same, for the embedded SQLite default: a window over every row of the ids."""
    matches = Match.objects.filter(**{f"{partition}__in": ids.tolist()}).exclude(**{other: leave_out})
    ranked = matches.annotate(place=Window(
        RowNumber(), partition_by=[F(partition)], order_by=[F("score").desc(), F(other).asc()],
    )).filter(place=k).values_list(partition, "score", other)
    keys = {owner: engine.ranking_key(score, other_id) for owner, score, other_id in ranked}
    return np.array([keys.get(i, engine.NOT_ELIGIBLE) for i in ids.tolist()], dtype=np.int64)


def _rows(kept: engine.Kept, tr, va, trainees, vacancies) -> Rows:
    """The kept pairs as rows to store, with their reasons' digests; the reasons themselves
    are written only when asked for (the store asks only for the rows it writes)."""
    def reasons_text(positions: np.ndarray) -> list[str]:
        if not len(positions):
            return []
        return reasons_json(kept.subset(positions), tr, va, trainees, vacancies)

    return Rows(tr.ids[kept.trainee_rows], va.ids[kept.vacancy_cols], kept.score_cents,
                reasons_digests(kept, tr, va, trainees, vacancies), reasons_text)


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a job reads facts and writes rows.

    A job makes hundreds of thousands of objects (rows read, facts, reasons' text) and keeps
    them until it ends; the collector, started by so many new objects, walks all of them again
    and again, and finds nothing: none is in a cycle. It took a third of a rematch that changed
    nothing (docs/performance.md). Reference counting still frees every object as before; the
    collector is on again afterwards, as it was."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _run_job(kind: str, target: str, job) -> MatchRun:
    """Run `job` (returning pairs scored and counts) in a transaction, recording it."""
    run = _start_run(kind, target)
    try:
        with transaction.atomic(), cycle_collection_paused():
            scored, counts = job()
    except BaseException as error:
        _fail_run(run, error)
        raise
    return _finish_run(run, scored=scored, counts=counts)


def match_vacancy(*, vacancy_id: int, today: date | None = None) -> MatchRun:
    """Store a vacancy's matches: its top K, and pairs in a trainee's own top K."""
    today = today or timezone.localdate()

    def job():
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
        if vacancy.status != Vacancy.Status.OPEN:
            return 0, StoreCounts(0, 0, 0)
        vacancies = load_vacancy_facts(Vacancy.objects.filter(pk=vacancy_id))
        candidates = Trainee.objects.filter(
            grade__rank__gte=vacancy.min_grade.rank, grade__rank__lte=vacancy.max_grade.rank,
        ).filter(Q(preferences__available_from__isnull=True)
                 | Q(preferences__available_from__lte=vacancy.start_date))
        trainees = load_trainee_facts(candidates, today=today)
        tr, va = engine.build_arrays(trainees, vacancies)
        thresholds = _kth_stored_keys("trainee_id", "vacancy_id", tr.ids, vacancy_id, top_k())
        kept, scored = engine.keep_for_vacancies(tr, va, [0], top_k(), thresholds)
        counts = store_matches(scope=Q(vacancy_id=vacancy_id),
                               rows=_rows(kept, tr, va, trainees, vacancies))
        return scored, counts

    return _run_job(MatchRun.Kind.VACANCY, str(vacancy_id), job)


def rematch_trainee(*, trainee_id: int, today: date | None = None) -> MatchRun:
    """Store a trainee's matches: their top K, and pairs in a vacancy's own top K."""
    today = today or timezone.localdate()

    def job():
        trainee = Trainee.objects.select_for_update().select_related("grade").get(pk=trainee_id)
        scope = Q(trainee_id=trainee_id, vacancy__status=Vacancy.Status.OPEN)
        trainees = load_trainee_facts(Trainee.objects.filter(pk=trainee_id), today=today)
        if not trainees:  # not discoverable: nothing may be stored
            return 0, store_matches(scope=scope, rows=Rows.none())
        available = trainees[0].available_from or date.min
        vacancies = load_vacancy_facts(Vacancy.objects.filter(
            min_grade__rank__lte=trainee.grade.rank, max_grade__rank__gte=trainee.grade.rank,
            start_date__gte=available,
        ))
        tr, va = engine.build_arrays(trainees, vacancies)
        thresholds = _kth_stored_keys("vacancy_id", "trainee_id", va.ids, trainee_id, top_k())
        kept, scored = engine.keep_for_trainee(tr, va, 0, top_k(), thresholds)
        return scored, store_matches(scope=scope, rows=_rows(kept, tr, va, trainees, vacancies))

    return _run_job(MatchRun.Kind.TRAINEE, str(trainee_id), job)


def remove_trainee_matches(*, trainee_id: int) -> int:
    """Consent withdrawn: the trainee's matches go at once, in the caller's transaction."""
    deleted, _ = Match.objects.filter(trainee_id=trainee_id).delete()
    return deleted


# -- the full rematch -------------------------------------------------------------


def _encode_thresholds(ids: np.ndarray, keys: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, ids=ids, keys=keys)
    return buffer.getvalue()


def _decode_thresholds(blob: bytes | memoryview) -> dict[int, int]:
    data = np.load(io.BytesIO(blob))
    return dict(zip(data["ids"].tolist(), data["keys"].tolist(), strict=True))


@dataclass
class Everyone:
    """The facts and arrays of every discoverable trainee and open vacancy, loaded once."""

    trainees: list[TraineeFacts]
    vacancies: list[VacancyFacts]
    tr: engine.TraineeArrays
    va: engine.VacancyArrays

    @classmethod
    def load(cls, today: date, vacancies=None) -> "Everyone":
        with cycle_collection_paused():
            trainees = load_trainee_facts(Trainee.objects.all(), today=today)
            roles = load_vacancy_facts(vacancies if vacancies is not None else Vacancy.objects.all())
            return cls(trainees, roles, *engine.build_arrays(trainees, roles))


def rematch_all_plan(
    *, chunks: int | None = None, today: date | None = None,
) -> tuple[MatchRun, list[list[int]]]:
    """Start a full rematch: every trainee's k-th best key, and the vacancy chunks.

    Each chunk then owns the rows of its vacancies, so chunks can run in parallel
    on any number of workers without touching each other's rows.
    """
    run = _start_run(MatchRun.Kind.FULL)
    return run, _plan(run, Everyone.load(today or timezone.localdate()), chunks)


def _plan(run: MatchRun, everyone: Everyone, chunks: int | None) -> list[list[int]]:
    tr, va = everyone.tr, everyone.va
    keys = engine.trainee_thresholds(tr, va, top_k())
    run.thresholds = _encode_thresholds(tr.ids, keys)
    run.pairs_scored = len(tr.ids) * len(va.ids)
    run.save(update_fields=["thresholds", "pairs_scored", "updated_at"])
    ids = va.ids.tolist()
    count = chunks or settings.MATCH_FULL_CHUNKS
    size = max(1, math.ceil(len(ids) / count))
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def rematch_chunk(*, run_id: int, vacancy_ids: list[int], today: date | None = None,
                  everyone: Everyone | None = None) -> MatchRun:
    """Store the rows of some open vacancies, judging trainees' top K by the run's keys.

    A worker loads the facts it needs; the foreground rematch passes what its plan loaded
    (`everyone`), so they are read once, not once per chunk."""
    today = today or timezone.localdate()
    parent = MatchRun.objects.get(pk=run_id)
    assert parent.thresholds is not None  # kept by rematch_all_plan until rematch_all_finish
    known = _decode_thresholds(parent.thresholds)

    def job():
        loaded = everyone or Everyone.load(today, Vacancy.objects.filter(pk__in=vacancy_ids))
        tr, va = loaded.tr, loaded.va
        cols = np.flatnonzero(np.isin(va.ids, vacancy_ids))
        thresholds = np.array([known.get(i, engine.NOT_ELIGIBLE) for i in tr.ids.tolist()],
                              dtype=np.int64)
        kept, scored = engine.keep_for_vacancies(tr, va, cols, top_k(), thresholds)
        scope = Q(vacancy_id__in=vacancy_ids, vacancy__status=Vacancy.Status.OPEN)
        rows = _rows(kept, tr, va, loaded.trainees, loaded.vacancies)
        return scored, store_matches(scope=scope, rows=rows)

    return _run_job(MatchRun.Kind.CHUNK, f"{parent.uuid}:{vacancy_ids[0] if vacancy_ids else ''}", job)


def remove_closed_vacancy_matches(*, vacancy_ids: list[int] | None = None) -> int:
    """Delete the matches of roles no longer open (of `vacancy_ids`, or all), except those of
    candidates with interest in the role (invited, interested, shortlisted, appointed, not
    selected, withdrawn): they are the director's shortlist, kept as they were when the role
    closed (docs/matching.md). How many rows were deleted."""
    # `vacancy_id IN (roles not open)`, not a join: PostgreSQL then reads only those roles'
    # rows, down the (vacancy, score) index, rather than every stored match.
    closed = Vacancy.objects.exclude(status=Vacancy.Status.OPEN).values("pk")
    stale = Match.objects.filter(vacancy_id__in=closed).exclude(Exists(
        Interest.objects.filter(trainee_id=OuterRef("trainee_id"), vacancy_id=OuterRef("vacancy_id"))))
    if vacancy_ids is not None:
        stale = stale.filter(vacancy_id__in=vacancy_ids)
    deleted, _ = stale.delete()
    return deleted


def rematch_all_finish(*, run_id: int) -> MatchRun:
    """Close a full rematch: totals from its chunks, and rows of vacancies no longer open
    removed (`remove_closed_vacancy_matches`: whatever closed a role, it is swept here)."""
    run = MatchRun.objects.get(pk=run_id)
    chunks = MatchRun.objects.filter(kind=MatchRun.Kind.CHUNK, target__startswith=f"{run.uuid}:")
    totals = {f: sum(getattr(c, f) for c in chunks)
              for f in ("rows_created", "rows_updated", "rows_deleted")}
    failed = chunks.filter(status=MatchRun.Status.FAILED).exists()
    run.status = MatchRun.Status.FAILED if failed else MatchRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.thresholds = None
    totals["rows_deleted"] += remove_closed_vacancy_matches()
    for field, value in totals.items():
        setattr(run, field, value)
    run.save(update_fields=["status", "finished_at", "thresholds", *totals, "updated_at"])
    if any(totals.values()):
        _refresh_statistics()
    return run


def _refresh_statistics() -> None:
    """After a bulk rewrite, tell PostgreSQL's planner what the table now holds, so the
    jobs that follow (one vacancy, one trainee) do not plan from the old, empty table; and
    vacuum it, as PostgreSQL's guide advises after a bulk load, so that they can read the
    scores from the index alone (the visibility map) and no reader has to set hint bits."""
    if connection.vendor != "postgresql":
        return
    # The columns jobs filter and sort on: the reasons' statistics help no query.
    columns = "pipeline_match (trainee_id, vacancy_id, score)"
    with connection.cursor() as cursor:
        if connection.in_atomic_block:  # VACUUM cannot run inside a transaction
            cursor.execute(f"ANALYZE {columns}")
        else:
            cursor.execute(f"VACUUM (ANALYZE) {columns}")


def rematch_all_foreground(*, chunks: int | None = None, today: date | None = None) -> MatchRun:
    """The full rematch in this process: for the management command and benchmarks."""
    today = today or timezone.localdate()
    run = _start_run(MatchRun.Kind.FULL)
    everyone = Everyone.load(today)  # once, for the plan and every chunk
    plan = _plan(run, everyone, chunks)
    for vacancy_ids in plan:
        rematch_chunk(run_id=run.pk, vacancy_ids=vacancy_ids, today=today, everyone=everyone)
    return rematch_all_finish(run_id=run.pk)
