from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "allocation"
    verbose_name = "Allocation rounds"

    def ready(self) -> None:
        # The daily reminders join the beat schedule next to the task they run.
        from celery.schedules import crontab

        from allocation.tasks import BEAT_SCHEDULE
        from config.celery_app import app

        for name, entry in BEAT_SCHEDULE.items():
            app.conf.beat_schedule[name] = {**entry, "schedule": crontab(**entry["schedule"])}
