"""What the outbox holds about a person: the emails sent to them, and their name in emails
sent to others (core.personal_data); emails are kept for a year."""

from datetime import datetime, timedelta

from django.db.models import Q

from core import personal_data
from notifications.models import Notification

EMAILS_KEPT = timedelta(days=365)


def _to(user_id: int | None, identifiers) -> Q:
    """Emails to the account, or to any address the person is known by (an email to a
    trainee goes to their record's address, which may not be their account's)."""
    condition = Q(recipient_id=user_id) if user_id is not None else Q(pk__in=[])
    for address in (i for i in identifiers if "@" in i):
        condition |= Q(to_address__iexact=address)
    return condition


def _emails(user) -> list[dict]:
    return [{"subject": n.subject, "to": n.to_address, "queued_at": n.created_at, "sent_at": n.sent_at}
            for n in Notification.objects.filter(_to(user.pk, personal_data.person(user).identifiers))]


def _erase_emails(person: personal_data.Person) -> None:
    Notification.objects.filter(_to(person.user.pk, person.identifiers)).delete()
    # Emails to others that name them (a candidate's name to a director, an alumnus in a
    # staff digest) keep their sense: "a former user".
    personal_data.scrub_mentions(Notification.objects.all(), ["subject", "context"], person.identifiers)


def _remove_old_emails(cutoff: datetime) -> int:
    return Notification.objects.filter(created_at__lt=cutoff).delete()[0]


def register() -> None:
    personal_data.register("emails", models=[Notification], export=_emails, erase=_erase_emails)
    personal_data.retain("notifications", kept_for=EMAILS_KEPT, apply=_remove_old_emails)
