"""What trainees answer the apps below it (core.events)."""

from accounts import events as account_events
from core.events import handler
from trainees.models import Trainee


@handler(account_events.record_for_account_request)
def record_matching_the_request(*, gmc_number: str, email: str, region, **facts):
    """The region's imported record with this GMC number and email, free to be claimed."""
    return (Trainee.objects.filter(gmc_number=gmc_number, email__iexact=email, region=region,
                                   user__isnull=True).values_list("uuid", flat=True).first())
