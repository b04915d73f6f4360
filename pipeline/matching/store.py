"""Write a job's matches: upsert what changed, delete what is stale, leave the rest.

On PostgreSQL the rows stream in with COPY and the database works out what changed
(national scale writes hundreds of thousands of rows); elsewhere (the embedded
SQLite default) the same result comes from a comparison in Python.
"""

import io
import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from pipeline.models import Match

BATCH = 2000
Pair = tuple[int, int, float, list[dict]]


@dataclass(frozen=True)
class StoreCounts:
    created: int
    updated: int
    deleted: int


def store_matches(*, scope: Q, pairs: list[Pair]) -> StoreCounts:
    """Make the rows within `scope` exactly `pairs` (trainee id, vacancy id, score, reasons).

    A pair whose score and reasons are unchanged is not written, so running a job
    twice changes nothing. Call inside the job's transaction.
    """
    if connection.vendor == "postgresql":
        return _store_with_copy(scope, pairs)
    return _store_with_orm(scope, pairs)


def _store_with_orm(scope: Q, pairs: list[Pair]) -> StoreCounts:
    existing = {
        (t, v): (pk, score, reasons)
        for pk, t, v, score, reasons in Match.objects.filter(scope)
        .values_list("pk", "trainee_id", "vacancy_id", "score", "reasons").iterator(chunk_size=BATCH)
    }
    now = timezone.now()
    writes, created = [], 0
    for trainee_id, vacancy_id, score, reasons in pairs:
        old = existing.pop((trainee_id, vacancy_id), None)
        if old is not None and old[1] == score and old[2] == reasons:
            continue
        created += old is None
        writes.append(Match(trainee_id=trainee_id, vacancy_id=vacancy_id, score=score,
                            reasons=reasons, computed_at=now))
    Match.objects.bulk_create(
        writes, batch_size=BATCH, update_conflicts=True, unique_fields=["trainee", "vacancy"],
        update_fields=["score", "reasons", "computed_at", "updated_at"],
    )
    stale = [pk for pk, _, _ in existing.values()]
    for start in range(0, len(stale), 10 * BATCH):
        Match.objects.filter(pk__in=stale[start:start + 10 * BATCH]).delete()
    return StoreCounts(created=created, updated=len(writes) - created, deleted=len(stale))


INCOMING = "pipeline_match_incoming"
UPSERT = f"""
    INSERT INTO pipeline_match (uuid, trainee_id, vacancy_id, score, reasons, computed_at,
                                created_at, updated_at)
    SELECT gen_random_uuid(), trainee_id, vacancy_id, score, reasons, %(now)s, %(now)s, %(now)s
    FROM {INCOMING}
    ON CONFLICT (trainee_id, vacancy_id) DO UPDATE
    SET score = EXCLUDED.score, reasons = EXCLUDED.reasons,
        computed_at = EXCLUDED.computed_at, updated_at = EXCLUDED.updated_at
    WHERE pipeline_match.score IS DISTINCT FROM EXCLUDED.score
       OR pipeline_match.reasons IS DISTINCT FROM EXCLUDED.reasons
    RETURNING (xmax = 0)
"""
DELETE_STALE = f"""
    DELETE FROM pipeline_match m
    WHERE m.id IN ({{scope}})
      AND NOT EXISTS (SELECT 1 FROM {INCOMING} i
                      WHERE i.trainee_id = m.trainee_id AND i.vacancy_id = m.vacancy_id)
"""


def _copy_text(pairs: list[Pair]) -> io.StringIO:
    # COPY's text format: tab-separated; a backslash in the JSON must be doubled.
    lines = (f"{t}\t{v}\t{score!r}\t{json.dumps(reasons).replace(chr(92), chr(92) * 2)}\n"
             for t, v, score, reasons in pairs)
    return io.StringIO("".join(lines))


def _store_with_copy(scope: Q, pairs: list[Pair]) -> StoreCounts:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {INCOMING} (trainee_id bigint, "
                       "vacancy_id bigint, score double precision, reasons jsonb) ON COMMIT DELETE ROWS")
        cursor.execute(f"TRUNCATE {INCOMING}")
        cursor.copy_expert(f"COPY {INCOMING} FROM STDIN", _copy_text(pairs))
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {INCOMING}_pair ON {INCOMING} (trainee_id, vacancy_id)")
        cursor.execute(f"ANALYZE {INCOMING}")
        cursor.execute(UPSERT, {"now": timezone.now()})
        inserted = [row[0] for row in cursor.fetchall()]
        scope_sql, scope_params = Match.objects.filter(scope).values("id").query.sql_with_params()
        cursor.execute(DELETE_STALE.format(scope=scope_sql), scope_params)
        deleted = cursor.rowcount
    created = sum(inserted)
    return StoreCounts(created=created, updated=len(inserted) - created, deleted=deleted)
