"""The daily jobs of fresh-eyes ideas (config/celery_app.py): thin wrappers of services."""

from core.tasks import task
from ideas import reminders, services


@task()
def invite_new_starters() -> int:
    return services.invitations_send()


@task()
def send_idea_reminders() -> dict[str, int]:
    return reminders.send_idea_reminders()
