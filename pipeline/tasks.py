"""Celery tasks for the pipeline: thin wrappers that take ids and call services."""

import smtplib

from celery import shared_task
from django.db import OperationalError

from pipeline.notifications import notification_send


@shared_task(
    bind=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, OperationalError),
    retry_backoff=True,
    max_retries=5,
    time_limit=60,
    soft_time_limit=50,
)
def send_notification(self, notification_id: int) -> bool:
    return notification_send(notification_id=notification_id)
