"""Accounts locked by too many failed sign-ins (django-axes), and unlocking them.

Lockout is by account and address together: five wrong passwords for one account from one
address lock that account from that address, and no one else.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User


def locked_attempts() -> QuerySet[AccessAttempt]:
    """Each account and address locked out now, the latest first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return (AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
                                         attempt_time__gte=since)
            .order_by("-attempt_time"))


@transaction.atomic
def lockout_clear(*, attempt: AccessAttempt, by: User) -> None:
    """Unlock the account at that address, and record who did it in the admin log."""
    LogEntry.objects.create(
        user=by, content_type=ContentType.objects.get_for_model(AccessAttempt),
        object_id=str(attempt.pk), object_repr=f"{attempt.username} from {attempt.ip_address}"[:200],
        action_flag=DELETION, change_message="Unlocked after too many failed sign-ins",
    )
    AccessAttempt.objects.filter(username=attempt.username, ip_address=attempt.ip_address).delete()
