"""Reads of the outbox."""

import datetime as dt
from collections.abc import Sequence

from accounts.models import User
from notifications.models import Notification


def queued_since(*, template: str, since: dt.datetime, recipients: Sequence[User], **context: str) -> bool:
    """Whether one of `recipients` has been queued an email of `template` since `since` whose
    context holds these values. The outbox is shared by every process, so a service can ask it
    whether someone has already been told; naming the recipients lets the database read their
    rows by index rather than the whole outbox."""
    about = {f"context__{key}": value for key, value in context.items()}
    return Notification.objects.filter(template=template, created_at__gte=since, recipient__in=recipients,
                                       **about).exists()
