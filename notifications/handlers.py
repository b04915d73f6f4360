"""Emails that apps below ask the outbox to send."""

from accounts import events as account_events
from core.events import handler
from notifications.services import notification_queue


@handler(account_events.account_email)
def queue_the_account_email(*, to_address: str, template: str, subject: str, context: dict,
                            recipient=None, **facts) -> None:
    notification_queue(to_address=to_address, template=template, subject=subject, context=context,
                       recipient=recipient)
