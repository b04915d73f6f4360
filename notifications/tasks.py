"""Sending the outbox: one task per email, retried while the mail server is unreachable."""

import smtplib

from core.tasks import DEFAULT, task


@task(queue=DEFAULT, minutes=1, retry_on=(smtplib.SMTPException, ConnectionError))
def send_notification(notification_id: int) -> bool:
    from notifications.services import notification_send  # noqa: PLC0415 (services queue this task)

    return notification_send(notification_id=notification_id)
