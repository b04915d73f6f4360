from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "pipeline"
    verbose_name = "Talent pipeline"

    def ready(self) -> None:
        # Register this app's periodic jobs next to the tasks they run; beat syncs them
        # into django-celery-beat's tables, where staff can see and pause them.
        from celery.schedules import crontab

        from config.celery_app import app
        from pipeline.tasks import BEAT_SCHEDULE

        for name, entry in BEAT_SCHEDULE.items():
            app.conf.beat_schedule[name] = {**entry, "schedule": crontab(**entry["schedule"])}
