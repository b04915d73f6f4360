"""Celery tasks for the pipeline: thin wrappers that take ids and call services.

Matching tasks run on the `matching` queue, so a national rematch never delays an
email. All acknowledge late, so a worker that dies mid-task has its message
redelivered; each service is idempotent. The periodic ones are on the beat schedule
in `config/celery_app.py`.
"""

from celery import chord
from django.core.cache import cache

from core.tasks import DEFAULT, MATCHING, task
from pipeline import digests, reminders, reports, return_plans, stewardship
from pipeline.matching import services as matching
from reference.models import Region


@task(queue=MATCHING)
def match_vacancy(vacancy_id: int) -> int:
    return matching.match_vacancy(vacancy_id=vacancy_id).pk


def rematch_pending_key(trainee_id: int) -> str:
    return f"matching:rematch-pending:{trainee_id}"


@task(queue=MATCHING)
def rematch_trainee(trainee_id: int) -> int:
    # Cleared before reading: a change made while this runs queues another rematch.
    cache.delete(rematch_pending_key(trainee_id))
    return matching.rematch_trainee(trainee_id=trainee_id).pk


@task(queue=MATCHING)
def rematch_chunk(run_id: int, vacancy_ids: list[int]) -> int:
    return matching.rematch_chunk(run_id=run_id, vacancy_ids=vacancy_ids).pk


@task(queue=MATCHING)
def rematch_finish(_chunk_run_ids: list[int], run_id: int) -> int:
    return matching.rematch_all_finish(run_id=run_id).pk


@task(queue=MATCHING)
def rematch_all() -> int:
    """The nightly full rematch: chunks as a group, so more workers finish it sooner."""
    run, plan = matching.rematch_all_plan()
    chord(rematch_chunk.s(run.pk, vacancy_ids) for vacancy_ids in plan)(rematch_finish.s(run.pk))
    return run.pk


@task(queue=DEFAULT, minutes=30)
def stewardship_sweep() -> dict:
    counts = stewardship.stewardship_sweep()
    return {"assessed": counts.assessed, "changed": counts.changed, "alerts": counts.alerts}


@task(queue=DEFAULT, minutes=10)
def open_return_plans() -> dict[str, int]:
    """Daily, before the stewardship sweep: plans for fellowships ending soon, and plans whose
    last step was done elsewhere closed. Safe to run again (a fellowship has one plan)."""
    return {"opened": return_plans.return_plans_open(), "closed": return_plans.plans_close_finished()}


@task(queue=DEFAULT, minutes=10)
def send_date_reminders() -> dict[str, int]:
    return reminders.send_date_reminders()


@task(queue=DEFAULT, minutes=10)
def send_roles_digest() -> int:
    return digests.send_roles_digest()


@task(queue=DEFAULT, minutes=10)
def stewardship_digest() -> int:
    return stewardship.stewardship_digest()


@task(queue=DEFAULT, minutes=30)
def publish_equality_figures() -> int:
    """Work out each region's equality figures for the new month, so no member of staff waits
    for them on the first visit. Safe to run again: a month's figures are made once."""
    regions = Region.objects.all()
    for region in regions:
        reports.equality_figures(region=region)
    return len(regions)
