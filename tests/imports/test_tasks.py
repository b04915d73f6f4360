"""Imports run on their own queue; the sweep of stranded imports on the default one, so it
runs while the imports worker is busy or gone, and it is on the beat schedule."""

from config.celery_app import app


def queue_of(name: str) -> str:
    app.loader.import_default_modules()
    return app.amqp.router.route({}, name, task_type=app.tasks[name])["queue"].name


def test_both_import_tasks_run_on_the_imports_queue():
    assert queue_of("imports.tasks.import_validate") == "imports"
    assert queue_of("imports.tasks.import_commit") == "imports"


def test_stranded_imports_are_swept_on_the_default_queue_every_few_minutes():
    assert queue_of("imports.tasks.fail_stopped_imports") == "default"
    entry = app.conf.beat_schedule["stopped-imports-sweep"]
    assert entry["task"] == "imports.tasks.fail_stopped_imports"
    assert entry["schedule"].minute == set(range(0, 60, 10))
