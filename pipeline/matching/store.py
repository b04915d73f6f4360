"""Write a job's matches: upsert what changed, delete what is stale, leave the rest."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from pipeline.models import Match

BATCH = 2000


@dataclass(frozen=True)
class StoreCounts:
    created: int
    updated: int
    deleted: int


def store_matches(*, scope: Q, pairs: list[tuple[int, int, float, list[dict]]]) -> StoreCounts:
    """Make the rows within `scope` exactly `pairs` (trainee id, vacancy id, score, reasons).

    A pair whose score and reasons are unchanged is not written, so running a job
    twice changes nothing. Call inside the job's transaction.
    """
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
