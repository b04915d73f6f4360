"""The Celery app: broker from REDIS_URL, tasks discovered from the apps, and the beat
schedule — every periodic job of the service, in this one place."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

app = Celery("leadership_pipeline")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Beat syncs these into django-celery-beat's tables, where staff can see and pause them.
app.conf.beat_schedule = {
    "daily-return-plans": {  # docs/stewardship.md: opened before the sweep reads them
        "task": "pipeline.tasks.open_return_plans",
        "schedule": crontab(hour=5, minute=30),
    },
    "daily-date-reminders": {  # fellowship ends, CCT dates, unanswered plan steps
        "task": "pipeline.tasks.send_date_reminders",
        "schedule": crontab(hour=8, minute=15),
    },
    "daily-idea-invitations": {  # docs/ideas.md: trainees whose placement has started
        "task": "ideas.tasks.invite_new_starters",
        "schedule": crontab(hour=7, minute=45),
    },
    "daily-idea-reminders": {  # unanswered ideas: reminded, then escalated
        "task": "ideas.tasks.send_idea_reminders",
        "schedule": crontab(hour=8, minute=20),
    },
    "daily-stewardship-sweep": {
        "task": "pipeline.tasks.stewardship_sweep",
        "schedule": crontab(hour=6, minute=0),
    },
    "weekly-stewardship-digest": {
        "task": "pipeline.tasks.stewardship_digest",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "weekly-roles-digest": {  # trainees: roles newly matched to them (they may opt out)
        "task": "pipeline.tasks.send_roles_digest",
        "schedule": crontab(day_of_week="mon", hour=7, minute=30),
    },
    "nightly-full-rematch": {
        "task": "pipeline.tasks.rematch_all",
        "schedule": crontab(hour=2, minute=30),
    },
    "stopped-imports-sweep": {  # no import stays "Importing" after its worker died
        "task": "imports.tasks.fail_stopped_imports",
        "schedule": crontab(minute="*/10"),
    },
    "monthly-equality-figures": {  # docs/disclosure.md: published once a month
        "task": "pipeline.tasks.publish_equality_figures",
        "schedule": crontab(day_of_month=1, hour=5, minute=0),
    },
    "nightly-retention": {  # docs/privacy.md: what is kept how long
        "task": "accounts.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=15),
    },
    "daily-round-reminders": {
        "task": "allocation.tasks.send_round_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
}
