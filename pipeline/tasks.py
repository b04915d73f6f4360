"""Celery tasks for the pipeline: thin wrappers that take ids and call services.

Matching tasks run on the `matching` queue (CELERY_TASK_ROUTES), so a national
rematch never delays an email. All acknowledge late (settings), so a worker that
dies mid-task has its message redelivered; each service is idempotent.
"""

import smtplib

from celery import chord, shared_task
from django.core.cache import cache
from django.db import InterfaceError, OperationalError

from pipeline.matching import services as matching
from pipeline.notifications import notification_send

TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)
MATCHING = {"autoretry_for": TRANSIENT_DB_ERRORS, "retry_backoff": True, "max_retries": 5,
            "time_limit": 15 * 60, "soft_time_limit": 14 * 60}


@shared_task(autoretry_for=(smtplib.SMTPException, ConnectionError, *TRANSIENT_DB_ERRORS),
             retry_backoff=True, max_retries=5, time_limit=60, soft_time_limit=50)
def send_notification(notification_id: int) -> bool:
    return notification_send(notification_id=notification_id)


@shared_task(**MATCHING)
def match_vacancy(vacancy_id: int) -> int:
    return matching.match_vacancy(vacancy_id=vacancy_id).pk


def rematch_pending_key(trainee_id: int) -> str:
    return f"matching:rematch-pending:{trainee_id}"


@shared_task(**MATCHING)
def rematch_trainee(trainee_id: int) -> int:
    # Cleared before reading: a change made while this runs queues another rematch.
    cache.delete(rematch_pending_key(trainee_id))
    return matching.rematch_trainee(trainee_id=trainee_id).pk


@shared_task(**MATCHING)
def rematch_chunk(run_id: int, vacancy_ids: list[int]) -> int:
    return matching.rematch_chunk(run_id=run_id, vacancy_ids=vacancy_ids).pk


@shared_task(**MATCHING)
def rematch_finish(_chunk_run_ids: list[int], run_id: int) -> int:
    return matching.rematch_all_finish(run_id=run_id).pk


@shared_task(**MATCHING)
def rematch_all() -> int:
    """The nightly full rematch: chunks as a group, so more workers finish it sooner."""
    run, plan = matching.rematch_all_plan()
    chord(rematch_chunk.s(run.pk, vacancy_ids) for vacancy_ids in plan)(rematch_finish.s(run.pk))
    return run.pk


@shared_task(autoretry_for=TRANSIENT_DB_ERRORS, retry_backoff=True, max_retries=5,
             time_limit=30 * 60, soft_time_limit=29 * 60)
def stewardship_sweep() -> dict:
    from pipeline.stewardship import stewardship_sweep as sweep

    counts = sweep()
    return {"assessed": counts.assessed, "changed": counts.changed, "alerts": counts.alerts}


@shared_task(autoretry_for=TRANSIENT_DB_ERRORS, retry_backoff=True, max_retries=5, time_limit=10 * 60,
             soft_time_limit=9 * 60)
def stewardship_digest() -> int:
    from pipeline.stewardship import stewardship_digest as digest

    return digest()


BEAT_SCHEDULE = {
    "daily-stewardship-sweep": {
        "task": "pipeline.tasks.stewardship_sweep",
        "schedule": {"hour": 6, "minute": 0},
    },
    "weekly-stewardship-digest": {
        "task": "pipeline.tasks.stewardship_digest",
        "schedule": {"day_of_week": "mon", "hour": 7, "minute": 0},
    },
    "nightly-full-rematch": {
        "task": "pipeline.tasks.rematch_all",
        "schedule": {"hour": 2, "minute": 30},  # crontab fields; see pipeline/apps.py
    },
}
