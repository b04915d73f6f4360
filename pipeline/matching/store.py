"""Write a job's matches: insert what is new, update what changed, delete what is stale.

What changed is decided before any row is written or sent: the pairs and scores are
compared as arrays with the stored ones, and the reasons by a digest of their text
(`reasons.jsonb_text` prints them exactly as PostgreSQL prints the stored jsonb), so a
rematch that changes nothing writes nothing. New rows stream into the table with one
COPY; changed rows go through a temporary table and one upsert. Elsewhere (the embedded
SQLite default) the same result comes from a comparison in Python.
"""

import hashlib
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import MD5, Cast
from django.utils import timezone

from pipeline.models import Match

BATCH = 2000
PAIR_SPACE = 2**31  # ids below this: a pair is trainee id × PAIR_SPACE + vacancy id


@dataclass(frozen=True)
class StoreCounts:
    created: int
    updated: int
    deleted: int


@dataclass
class Rows:
    """The rows a job stores: pairs, scores in hundredths, and their reasons on demand
    (`reasons_text(positions)`: the JSON text of the rows at those positions)."""

    trainee_ids: np.ndarray
    vacancy_ids: np.ndarray
    score_cents: np.ndarray
    reasons_text: Callable[[np.ndarray], list[str]]

    def __len__(self) -> int:
        return len(self.trainee_ids)

    @classmethod
    def none(cls) -> "Rows":
        nothing = np.zeros(0, dtype=np.int64)
        return cls(nothing, nothing, nothing, lambda positions: [])

    @property
    def pairs(self) -> np.ndarray:
        return self.trainee_ids * PAIR_SPACE + self.vacancy_ids

    @property
    def scores(self) -> np.ndarray:
        return self.score_cents / 100


def store_matches(*, scope: Q, rows: Rows) -> StoreCounts:
    """Make the rows within `scope` exactly `rows`.

    A pair whose score and reasons are unchanged is not written, so running a job
    twice changes nothing. Call inside the job's transaction.
    """
    if connection.vendor == "postgresql":
        return _store_with_copy(scope, rows)
    return _store_with_orm(scope, rows)


def _store_with_orm(scope: Q, rows: Rows) -> StoreCounts:
    existing = {
        (t, v): (pk, score, reasons)
        for pk, t, v, score, reasons in Match.objects.filter(scope)
        .values_list("pk", "trainee_id", "vacancy_id", "score", "reasons").iterator(chunk_size=BATCH)
    }
    now = timezone.now()
    writes, created = [], 0
    texts = rows.reasons_text(np.arange(len(rows)))
    for trainee_id, vacancy_id, score, text in zip(rows.trainee_ids.tolist(), rows.vacancy_ids.tolist(),
                                                   rows.scores.tolist(), texts, strict=True):
        reasons = json.loads(text)
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


# -- PostgreSQL ------------------------------------------------------------------------

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
NEW_COLUMNS = "(uuid, created_at, updated_at, computed_at, trainee_id, vacancy_id, score, reasons)"


@dataclass
class Stored:
    """The rows in scope now: ids, pairs, scores and a digest of each one's reasons."""

    ids: np.ndarray
    pairs: np.ndarray
    scores: np.ndarray
    digests: list[str]


def _stored(cursor, scope: Q) -> Stored:
    # A join, not `id IN (subquery)`: PostgreSQL then digests each row once, in one scan.
    query = Match.objects.filter(scope).annotate(digest=MD5(Cast("reasons", TextField()))).values_list(
        "id", "trainee_id", "vacancy_id", "score", "digest")
    try:
        cursor.execute(*query.query.sql_with_params())
        found = cursor.fetchall()
    except EmptyResultSet:  # a scope that can hold no row
        found = []
    ids, trainees, vacancies, scores, digests = zip(*found, strict=True) if found else ([],) * 5
    return Stored(np.array(ids, dtype=np.int64),
                  np.array(trainees, dtype=np.int64) * PAIR_SPACE + np.array(vacancies, dtype=np.int64),
                  np.array(scores, dtype=float), list(digests))


def _digest(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def _positions(rows: Rows, stored: Stored) -> np.ndarray:
    """For each row, the position of its pair among the stored rows; -1 when not stored."""
    if not len(stored.pairs):
        return np.full(len(rows), -1, dtype=np.int64)
    order = np.argsort(stored.pairs)
    at = np.minimum(np.searchsorted(stored.pairs[order], rows.pairs), len(order) - 1)
    return np.where(stored.pairs[order[at]] == rows.pairs, order[at], -1)


@dataclass
class Changes:
    new: np.ndarray  # positions in Rows of pairs not stored yet
    changed: np.ndarray  # positions in Rows of stored pairs whose score or reasons changed
    changed_texts: list[str]  # their reasons
    stale: np.ndarray  # ids of stored rows no longer wanted


def _changes(rows: Rows, stored: Stored) -> Changes:
    """What to write, decided before writing anything: pairs and scores are compared as
    arrays; reasons (by digest) only where the pair and the score are both unchanged."""
    at = _positions(rows, stored)
    found = np.flatnonzero(at >= 0)
    same_score = stored.scores[at[found]] == rows.scores[found]
    rescored, rescored_texts = found[~same_score], rows.reasons_text(found[~same_score])
    candidates = found[same_score]
    texts = rows.reasons_text(candidates)
    differs = [_digest(text) != stored.digests[i]
               for text, i in zip(texts, at[candidates].tolist(), strict=True)]
    wanted = np.zeros(len(stored.ids), dtype=bool)
    wanted[at[found]] = True
    return Changes(
        new=np.flatnonzero(at < 0),
        changed=np.concatenate([rescored, candidates[np.array(differs, dtype=bool)]]),
        changed_texts=rescored_texts + [text for text, d in zip(texts, differs, strict=True) if d],
        stale=stored.ids[~wanted],
    )


def _copy_escape(text: str) -> str:
    # COPY's text format: tab-separated; a backslash in the JSON must be doubled.
    return text.replace("\\", "\\\\")


def _uuids(count: int) -> list[str]:
    """Random (version 4) UUIDs as 32 hex digits, made in one go for a bulk insert."""
    raw = np.frombuffer(os.urandom(16 * count), dtype=np.uint8).reshape(count, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    digits = raw.tobytes().hex()
    return [digits[i:i + 32] for i in range(0, 32 * count, 32)]


def _insert_new(cursor, rows: Rows, new: np.ndarray, texts: list[str], now: str) -> None:
    """New pairs straight into the table with one COPY."""
    lines = (f"{uuid}\t{now}\t{now}\t{now}\t{t}\t{v}\t{score!r}\t{_copy_escape(text)}\n"
             for uuid, t, v, score, text in zip(
                 _uuids(len(new)), rows.trainee_ids[new].tolist(), rows.vacancy_ids[new].tolist(),
                 rows.scores[new].tolist(), texts, strict=True))
    cursor.copy_expert(f"COPY pipeline_match {NEW_COLUMNS} FROM STDIN", io.StringIO("".join(lines)))


def _upsert(cursor, rows: Rows, positions: np.ndarray, texts: list[str], now) -> list[bool]:
    """Rows through a temporary table and one upsert; True for each row inserted."""
    cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {INCOMING} (trainee_id bigint, "
                   "vacancy_id bigint, score double precision, reasons jsonb) ON COMMIT DELETE ROWS")
    cursor.execute(f"TRUNCATE {INCOMING}")
    lines = (f"{t}\t{v}\t{score!r}\t{_copy_escape(text)}\n" for t, v, score, text in zip(
        rows.trainee_ids[positions].tolist(), rows.vacancy_ids[positions].tolist(),
        rows.scores[positions].tolist(), texts, strict=True))
    cursor.copy_expert(f"COPY {INCOMING} FROM STDIN", io.StringIO("".join(lines)))
    cursor.execute(UPSERT, {"now": now})
    return [row[0] for row in cursor.fetchall()]


def _store_with_copy(scope: Q, rows: Rows) -> StoreCounts:
    now = timezone.now()
    with connection.cursor() as cursor:
        changes = _changes(rows, _stored(cursor, scope))
        if len(changes.stale):
            cursor.execute("DELETE FROM pipeline_match WHERE id = ANY(%s)", [changes.stale.tolist()])
        upsert, upsert_texts, inserted = changes.changed, changes.changed_texts, 0
        if len(changes.new):
            new_texts = rows.reasons_text(changes.new)
            try:
                # A savepoint: another job may have stored one of the pairs since. (COPY's
                # errors reach us unwrapped: wrapping makes them Django's IntegrityError.)
                with transaction.atomic(), connection.wrap_database_errors:
                    _insert_new(cursor, rows, changes.new, new_texts, now.isoformat())
                inserted = len(changes.new)
            except IntegrityError:
                upsert, upsert_texts = np.concatenate([upsert, changes.new]), upsert_texts + new_texts
        upserted = _upsert(cursor, rows, upsert, upsert_texts, now) if len(upsert) else []
    created = inserted + sum(upserted)
    return StoreCounts(created=created, updated=len(upserted) - sum(upserted), deleted=len(changes.stale))
