"""What mentoring does when something happens below it (core.events)."""

from accounts import events as account_events
from accounts.models import Role
from core.events import handler
from mentoring.models import Mentor


@handler(account_events.invitation_accepted)
def give_the_new_mentor_a_profile(*, user, invitation, **facts) -> None:
    """An invited mentor starts with a profile in the region they were invited for, not yet
    accepting mentees: they say where they work and what they can help with first."""
    if invitation.role == Role.MENTOR and invitation.region_id is not None:
        Mentor.objects.get_or_create(user=user, defaults={
            "region_id": invitation.region_id, "organisation": "", "current_role": "", "accepting": False})
