"""Celery tasks for trainees: imports run in the background on the default queue."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from trainees.import_batches import import_batch_commit, import_batch_validate

RETRY = {"autoretry_for": (OperationalError, InterfaceError), "retry_backoff": True,
         "max_retries": 5, "time_limit": 20 * 60, "soft_time_limit": 19 * 60}


@shared_task(**RETRY)
def import_validate(batch_id: int) -> str:
    return import_batch_validate(batch_id=batch_id).status


@shared_task(**RETRY)
def import_commit(batch_id: int) -> str:
    return import_batch_commit(batch_id=batch_id).status
