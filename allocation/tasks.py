"""Celery tasks for allocation rounds: thin wrappers around services."""

from allocation import reminders
from core.tasks import DEFAULT, task


@task(queue=DEFAULT, minutes=10)
def send_round_reminders() -> dict[str, int]:
    return reminders.send_round_reminders()
