"""Ideas made the way the service makes them: a placement starts, the daily job invites."""

import datetime as dt

from django.utils import timezone

from ideas import services
from ideas.models import Idea, Invitation
from tests import factories


def invite(trainee, trust, *, previous=None, days_ago: int = 3) -> Invitation:
    """The trainee moved from `previous` (a new trust if None) to `trust` `days_ago` days ago."""
    today = timezone.localdate()
    previous = previous or factories.TrustFactory(region=trust.region, name="Cobbleford Hospitals NHS Trust")
    factories.PlacementFactory(trainee=trainee, trust=previous, start_date=today - dt.timedelta(days=400),
                               end_date=today - dt.timedelta(days=days_ago + 1))
    placement = factories.PlacementFactory(trainee=trainee, trust=trust,
                                           start_date=today - dt.timedelta(days=days_ago),
                                           end_date=today + dt.timedelta(days=300))
    services.invitations_send()
    return Invitation.objects.get(placement=placement)


def share(invitation: Invitation, **changes) -> Idea:
    fields = {"area": "handover", "title": "Weekend handover checklist",
              "idea": "A one-page checklist for Friday handover cut weekend bleeps by half.",
              "previous_trust": invitation.previous_trust, "anonymous": False, **changes}
    return services.idea_submit(invitation=invitation, trainee=invitation.trainee, **fields)


def cast_idea(cast) -> Idea:
    """The cast trainee's idea for trust A, waiting for an answer."""
    return share(invite(cast.trainee, cast.trust_a))
