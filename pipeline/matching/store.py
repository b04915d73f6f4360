"""Write a job's matches: insert what is new, update what changed, delete what is stale.

What changed is decided before any row is written or sent: the pairs, scores and reasons'
digests (`reasons.reasons_digests`: one number for what a row's reasons are written from)
are compared as arrays with the stored ones, so a rematch that changes nothing writes
nothing, and writes reasons' text only for the rows it writes. On PostgreSQL new rows stream
into the table with one COPY and changed rows go through a temporary table and one upsert;
elsewhere (the embedded SQLite default) the ORM writes the same rows.
"""

import io
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from pipeline.matching.reasons import NO_DIGEST
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
    digests: np.ndarray  # int64: each row's reasons digest
    reasons_text: Callable[[np.ndarray], list[str]]

    def __len__(self) -> int:
        return len(self.trainee_ids)

    @classmethod
    def none(cls) -> "Rows":
        nothing = np.zeros(0, dtype=np.int64)
        return cls(nothing, nothing, nothing, nothing, lambda positions: [])

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
    with connection.cursor() as cursor:
        changes = _changes(rows, _stored(cursor, scope))
        if connection.vendor == "postgresql":
            return _write_with_copy(cursor, rows, changes)
    return _write_with_orm(rows, changes)


@dataclass
class Stored:
    """The rows in scope now: ids, pairs, scores and reasons' digests (NO_DIGEST: none)."""

    ids: np.ndarray
    pairs: np.ndarray
    scores: np.ndarray
    digests: np.ndarray


def _stored(cursor, scope: Q) -> Stored:
    query = Match.objects.filter(scope).order_by().values_list(
        "id", "trainee_id", "vacancy_id", "score", Coalesce("reasons_digest", Value(NO_DIGEST)))
    try:
        # The compiled query on a plain cursor: 200,000 rows of numbers, without a model
        # layer between them and the arrays.
        cursor.execute(*query.query.sql_with_params())
        found = cursor.fetchall()
    except EmptyResultSet:  # a scope that can hold no row
        found = []
    ids, trainees, vacancies, scores, digests = zip(*found, strict=True) if found else ([],) * 5
    return Stored(np.array(ids, dtype=np.int64),
                  np.array(trainees, dtype=np.int64) * PAIR_SPACE + np.array(vacancies, dtype=np.int64),
                  np.array(scores, dtype=float), np.array(digests, dtype=np.int64))


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
    stale: np.ndarray  # ids of stored rows no longer wanted


def _changes(rows: Rows, stored: Stored) -> Changes:
    """What to write, decided before writing anything, as arrays: no reasons' text is needed."""
    at = _positions(rows, stored)
    found = at >= 0
    same = np.zeros(len(rows), dtype=bool)
    same[found] = ((stored.scores[at[found]] == rows.scores[found])
                   & (stored.digests[at[found]] == rows.digests[found]))
    wanted = np.zeros(len(stored.ids), dtype=bool)
    wanted[at[found]] = True
    return Changes(new=np.flatnonzero(~found), changed=np.flatnonzero(found & ~same),
                   stale=stored.ids[~wanted])


# -- PostgreSQL ------------------------------------------------------------------------

INCOMING = "pipeline_match_incoming"
UPSERT = f"""
    INSERT INTO pipeline_match (uuid, trainee_id, vacancy_id, score, reasons, reasons_digest,
                                computed_at, created_at, updated_at)
    SELECT gen_random_uuid(), trainee_id, vacancy_id, score, reasons, reasons_digest,
           %(now)s, %(now)s, %(now)s
    FROM {INCOMING}
    ON CONFLICT (trainee_id, vacancy_id) DO UPDATE
    SET score = EXCLUDED.score, reasons = EXCLUDED.reasons, reasons_digest = EXCLUDED.reasons_digest,
        computed_at = EXCLUDED.computed_at, updated_at = EXCLUDED.updated_at
    WHERE pipeline_match.score IS DISTINCT FROM EXCLUDED.score
       OR pipeline_match.reasons IS DISTINCT FROM EXCLUDED.reasons
       OR pipeline_match.reasons_digest IS DISTINCT FROM EXCLUDED.reasons_digest
    RETURNING (xmax = 0)
"""
NEW_COLUMNS = ("(uuid, created_at, updated_at, computed_at, trainee_id, vacancy_id, score, "
               "reasons_digest, reasons)")


def _copy_escape(text: str) -> str:
    # COPY's text format: tab-separated; a backslash in the JSON must be doubled.
    return text.replace("\\", "\\\\")


GROUP_BITS = 24  # a role's place in its millisecond's uuids; the 50 bits after it are random
_last_uuids = {"millisecond": 0, "group": 0}  # a batch in the same millisecond continues the groups


def _next_groups(count: int) -> tuple[int, int]:
    """The millisecond and first group number of the next `count` groups of uuids."""
    assert count < 2**GROUP_BITS
    millisecond = max(time.time_ns() // 1_000_000, _last_uuids["millisecond"])
    first = _last_uuids["group"] if millisecond == _last_uuids["millisecond"] else 0
    if first + count >= 2**GROUP_BITS:  # the group numbers are spent: the next millisecond
        millisecond, first = millisecond + 1, 0
    _last_uuids.update(millisecond=millisecond, group=first + count)
    return millisecond, first


def _uuids(groups: np.ndarray) -> list[str]:
    """Time-ordered UUIDs (version 7, RFC 9562) for rows in runs of one role (`groups`, a key
    per row), as 32 hex digits, made in one go.

    The milliseconds since 1970 come first, then the run's number (24 bits), then 50 random
    bits. Each role's uuids sort after the role's before it (in this process), so the national
    rematch adds its 200,000 uuids at the end of the uuid index, not at random places all over
    it (a tenth of its write time). Within a role they are in no order: a uuid says nothing of
    where a candidate came in a role's list, nor how many rows a role has. The random bits keep
    any uuid from being guessed from another."""
    count = len(groups)
    run = np.zeros(count, dtype=np.uint64)
    if count:
        run[1:] = np.cumsum(groups[1:] != groups[:-1])
    milliseconds, first = _next_groups(int(run[-1]) + 1 if count else 0)
    run += np.uint64(first)
    random = np.frombuffer(os.urandom(8 * count), dtype=np.uint64)
    split = np.uint64(GROUP_BITS - 12)  # the run's number: 12 bits, then the rest after the variant
    high = ((np.uint64(milliseconds) << np.uint64(16)) | np.uint64(0x7000) | (run >> split))
    low = (np.uint64(0b10 << 62) | ((run & np.uint64(2**int(split) - 1)) << np.uint64(62 - int(split)))
           | (random >> np.uint64(2 + int(split))))
    raw = np.stack([high, low], axis=1).astype(">u8")
    digits = raw.tobytes().hex()
    return [digits[i:i + 32] for i in range(0, 32 * count, 32)]


STREAM_ROWS = 10_000  # rows written at a time while COPY takes in the ones before


class _Stream:
    """A file for `COPY … FROM STDIN` whose read() writes the next batch of lines only when
    COPY asks for it: PostgreSQL stores one batch while Python writes the next, so the two
    share the machine's cores instead of taking turns."""

    def __init__(self, batches: Iterator[str]) -> None:
        self._batches = batches
        self.error: BaseException | None = None

    def read(self, size: int = -1) -> str:  # psycopg2 sends whatever one call returns
        try:
            return next(self._batches, "")
        except BaseException as error:
            # psycopg2 reports any error here as "error in .read() call": keep the real one.
            self.error = error
            raise


def _new_lines(rows: Rows, new: np.ndarray, now: str) -> Iterator[str]:
    """COPY's lines for the new rows, a batch at a time, their reasons written batch by batch."""
    uuids = _uuids(rows.vacancy_ids[new])
    for start in range(0, len(new), STREAM_ROWS):
        batch = new[start:start + STREAM_ROWS]
        yield "".join(
            f"{uuid}\t{now}\t{now}\t{now}\t{t}\t{v}\t{score!r}\t{digest}\t{_copy_escape(text)}\n"
            for uuid, t, v, score, digest, text in zip(
                uuids[start:start + STREAM_ROWS], rows.trainee_ids[batch].tolist(),
                rows.vacancy_ids[batch].tolist(), rows.scores[batch].tolist(),
                rows.digests[batch].tolist(), rows.reasons_text(batch), strict=True))


def _insert_new(cursor, rows: Rows, new: np.ndarray, now: str) -> None:
    """New pairs straight into the table with one COPY."""
    stream = _Stream(_new_lines(rows, new, now))
    try:
        cursor.copy_expert(f"COPY pipeline_match {NEW_COLUMNS} FROM STDIN", stream)
    except Exception as error:
        if stream.error is not None:  # writing the lines failed, not PostgreSQL
            raise stream.error from error
        raise


def _upsert(cursor, rows: Rows, positions: np.ndarray, texts: list[str], now) -> list[bool]:
    """Rows through a temporary table and one upsert; True for each row inserted."""
    cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {INCOMING} (trainee_id bigint, "
                   "vacancy_id bigint, score double precision, reasons_digest bigint, reasons jsonb) "
                   "ON COMMIT DELETE ROWS")
    cursor.execute(f"TRUNCATE {INCOMING}")
    lines = (f"{t}\t{v}\t{score!r}\t{digest}\t{_copy_escape(text)}\n" for t, v, score, digest, text in zip(
        rows.trainee_ids[positions].tolist(), rows.vacancy_ids[positions].tolist(),
        rows.scores[positions].tolist(), rows.digests[positions].tolist(), texts, strict=True))
    cursor.copy_expert(f"COPY {INCOMING} FROM STDIN", io.StringIO("".join(lines)))
    cursor.execute(UPSERT, {"now": now})
    return [row[0] for row in cursor.fetchall()]


def _write_with_copy(cursor, rows: Rows, changes: Changes) -> StoreCounts:
    now = timezone.now()
    if len(changes.stale):
        cursor.execute("DELETE FROM pipeline_match WHERE id = ANY(%s)", [changes.stale.tolist()])
    upsert, inserted = changes.changed, 0
    if len(changes.new):
        try:
            # A savepoint: another job may have stored one of the pairs since. (COPY's
            # errors reach us unwrapped: wrapping makes them Django's IntegrityError.)
            with transaction.atomic(), connection.wrap_database_errors:
                _insert_new(cursor, rows, changes.new, now.isoformat())
            inserted = len(changes.new)
        except IntegrityError:
            upsert = np.concatenate([upsert, changes.new])
    upserted = _upsert(cursor, rows, upsert, rows.reasons_text(upsert), now) if len(upsert) else []
    created = inserted + sum(upserted)
    return StoreCounts(created=created, updated=len(upserted) - sum(upserted), deleted=len(changes.stale))


# -- elsewhere (SQLite) -------------------------------------------------------------------

def _write_with_orm(rows: Rows, changes: Changes) -> StoreCounts:
    now = timezone.now()
    positions = np.concatenate([changes.new, changes.changed])
    writes = [
        Match(trainee_id=t, vacancy_id=v, score=score, reasons=json.loads(text), reasons_digest=digest,
              computed_at=now)
        for t, v, score, digest, text in zip(
            rows.trainee_ids[positions].tolist(), rows.vacancy_ids[positions].tolist(),
            rows.scores[positions].tolist(), rows.digests[positions].tolist(),
            rows.reasons_text(positions), strict=True)
    ]
    Match.objects.bulk_create(
        writes, batch_size=BATCH, update_conflicts=True, unique_fields=["trainee", "vacancy"],
        update_fields=["score", "reasons", "reasons_digest", "computed_at", "updated_at"],
    )
    stale = changes.stale.tolist()
    for start in range(0, len(stale), 10 * BATCH):
        Match.objects.filter(pk__in=stale[start:start + 10 * BATCH]).delete()
    return StoreCounts(created=len(changes.new), updated=len(changes.changed), deleted=len(stale))
