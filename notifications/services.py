"""Email notifications: queued in an outbox row, sent by a Celery task after commit."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from core.limits import fit
from notifications.models import Notification
from notifications.tasks import send_notification


@transaction.atomic
def notification_queue(
    *, to_address: str, template: str, subject: str, context: dict, recipient: User | None = None
) -> Notification:
    """Record an email to send and queue its sending once this transaction commits."""
    notification = _fitted(Notification(
        recipient=recipient, to_address=to_address, template=template,
        subject=subject, context=context,
    ))
    notification.full_clean()
    notification.save()
    send_notification.delay_on_commit(notification.pk)
    return notification


@transaction.atomic
def notifications_queue(rows: list[Notification]) -> list[Notification]:
    """Many emails at once (a round's outcomes): written in bulk, each sent after commit."""
    saved = Notification.objects.bulk_create([_fitted(row) for row in rows], batch_size=1000)
    ids = [row.pk for row in saved]
    transaction.on_commit(lambda: [send_notification.delay(pk) for pk in ids])
    return saved


def _fitted(notification: Notification) -> Notification:
    """The subject fitted to its column: it is built from text people type (a role's or a
    round's title, which may fill its own column), and a long one must not refuse the change
    that sends the email. On one line, too: a line break in a header stops the sending."""
    notification.subject = fit(" ".join(notification.subject.split()), Notification, "subject")
    return notification


def notification_send(*, notification_id: int) -> bool:
    """Send one queued email. Idempotent: an email already sent is not sent again.

    The row is claimed with a conditional update so two workers handed the same
    message (a redelivery after a crash) cannot both send it.
    """
    claimed = Notification.objects.filter(
        pk=notification_id, status=Notification.Status.QUEUED, sent_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.get(pk=notification_id)
    try:
        _deliver(notification)
    except Exception as error:
        Notification.objects.filter(pk=notification_id).update(
            sent_at=None, attempts=notification.attempts + 1, error=str(error)[:1000]
        )
        raise
    notification.status = Notification.Status.SENT
    notification.attempts += 1
    notification.save(update_fields=["status", "attempts", "updated_at"])
    return True


def _deliver(notification: Notification) -> None:
    context = {**notification.context, "service_name": settings.SERVICE_NAME,
               "site_url": settings.SITE_URL}
    text = render_to_string(f"emails/{notification.template}.txt", context)
    html = render_to_string(f"emails/{notification.template}.html", context)
    message = EmailMultiAlternatives(
        subject=notification.subject, body=text, to=[notification.to_address]
    )
    message.attach_alternative(html, "text/html")
    message.send()
