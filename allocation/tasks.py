"""Celery tasks for allocation rounds: thin wrappers around services."""

from celery import shared_task

from pipeline.tasks import TRANSIENT_DB_ERRORS


@shared_task(autoretry_for=TRANSIENT_DB_ERRORS, retry_backoff=True, max_retries=5, time_limit=10 * 60,
             soft_time_limit=9 * 60)
def send_round_reminders() -> dict[str, int]:
    from allocation.reminders import send_round_reminders as send

    return send()


BEAT_SCHEDULE = {
    "daily-round-reminders": {
        "task": "allocation.tasks.send_round_reminders",
        "schedule": {"hour": 8, "minute": 0},  # crontab fields
    },
}
