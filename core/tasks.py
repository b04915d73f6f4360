"""One way to declare a Celery task: retries, time limits, queue and on-commit sending.

Every task of ours is declared with `@task(queue=...)`. It retries on a dropped
database connection with back-off, has a hard time limit above its soft one (Celery
refuses to send a task whose hard limit is below the soft one), and, being a
`DjangoTask`, has `delay_on_commit`: a task queued inside a transaction is sent only once
the rows it reads are committed.
"""

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import InterfaceError, OperationalError

TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)

# The queues a worker serves (`celery worker -Q ...`). Matching and imports are long and
# heavy; they never delay an email on the default queue.
DEFAULT, MATCHING, IMPORTS = "default", "matching", "imports"
QUEUES = (DEFAULT, MATCHING, IMPORTS)


class PipelineTask(DjangoTask):
    autoretry_for = TRANSIENT_DB_ERRORS
    retry_backoff = True
    max_retries = 5
    acks_late = True
    # Read by `route` below (Celery's own `queue` attribute is deprecated).
    runs_on = DEFAULT


def task(*, queue: str = DEFAULT, minutes: int = 15, retry_on: tuple = (), **options):
    """Declare a task on `queue` that may run for `minutes` (soft limit a minute earlier)."""
    if queue not in QUEUES:
        raise ValueError(f"Unknown queue {queue!r}")
    limits = {"time_limit": minutes * 60, "soft_time_limit": minutes * 60 - min(60, minutes * 6)}
    if retry_on:
        options["autoretry_for"] = (*TRANSIENT_DB_ERRORS, *retry_on)
    return shared_task(base=PipelineTask, runs_on=queue, **limits, **options)


def route(name, args, kwargs, options, task=None, **kw) -> dict | None:
    """Celery's router (CELERY_TASK_ROUTES): each task goes to the queue it declares."""
    queue = getattr(task, "runs_on", None)
    return {"queue": queue} if queue else None
