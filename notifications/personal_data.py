"""What the outbox holds about a person: the emails sent to them (core.personal_data)."""

from core import personal_data
from notifications.models import Notification


def _emails(trainee) -> list[dict]:
    if trainee.user_id is None:
        return []
    return [{"subject": n.subject, "to": n.to_address, "queued_at": n.created_at, "sent_at": n.sent_at}
            for n in Notification.objects.filter(recipient_id=trainee.user_id)]


def _erase_emails(trainee) -> None:
    if trainee.user_id is not None:
        Notification.objects.filter(recipient_id=trainee.user_id).delete()


def register() -> None:
    personal_data.register("emails", export=_emails, erase=_erase_emails)
