"""The outbox: a subject built from long titles fits its column, one by one or in bulk."""

import pytest

from notifications.models import Notification
from notifications.services import notification_queue, notifications_queue

pytestmark = pytest.mark.django_db


def queue(subject: str) -> Notification:
    return notification_queue(to_address="a@example.org", template="welcome", subject=subject,
                              context={"first_name": "Ada"})


def test_a_long_subject_is_cut_to_its_column_and_kept_on_one_line():
    limit = Notification._meta.get_field("subject").max_length
    long = "Your outcome in " + "R" * limit
    [bulk] = notifications_queue([Notification(to_address="b@example.org", template="welcome",
                                               subject=long, context={"first_name": "Ada"})])
    for notification in (queue(long), bulk):
        notification.refresh_from_db()
        assert len(notification.subject) == limit and notification.subject.endswith("R…")
    assert queue("Round\n  one").subject == "Round one"
