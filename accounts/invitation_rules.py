"""Invitations and requests for an account: who may invite whom, and what may happen to an
invitation or a request now (a sentence saying why not, or None when it may)."""

from django.utils import timezone

from accounts.models import AccountRequest, Invitation, Role, User
from reference.models import Region, Trust

# Wrong GMC numbers allowed while claiming an imported record, before staff must look into it.
CLAIM_ATTEMPTS = 5

# The roles each role may invite from the invitation form. Trainees are invited from their
# imported record (or by approving their request), so the invitation names that record.
FORM_ROLES = {
    Role.ADMINISTRATOR: [Role.DEANERY_STAFF, Role.MEDICAL_DIRECTOR, Role.MENTOR, Role.SCHEME_LEAD,
                         Role.ADMINISTRATOR],
    Role.DEANERY_STAFF: [Role.MEDICAL_DIRECTOR, Role.MENTOR],
}


def may_manage_invitations(user: User) -> bool:
    return user.is_authenticated and user.role in FORM_ROLES


def invite_error(*, by: User, role: str, region: Region | None, trust: Trust | None) -> str | None:
    """Why `by` cannot invite someone with this role, region and trust."""
    if by.is_administrator:
        return None
    if not by.is_deanery_staff:
        return "Only deanery staff and administrators can invite people."
    if role in (Role.TRAINEE, Role.MENTOR):
        return None if region is not None and region.pk == by.region_id else (
            "You can invite trainees and mentors of your own region only.")
    if role == Role.MEDICAL_DIRECTOR:
        return None if trust is not None and trust.region_id == by.region_id else (
            "You can invite medical directors of trusts in your region only.")
    return "Only administrators can invite deanery staff and administrators."


def link_error(invitation: Invitation | None) -> str | None:
    """Why the link in an invitation email cannot be used (now or ever)."""
    if invitation is None:
        return ("The link is not right. It may not have been copied whole: copy all of it from the "
                "email, or ask whoever invited you to send the invitation again.")
    if invitation.accepted_at is not None:
        return ("This invitation has already been used to make an account. Sign in with your email "
                "address, or reset your password if you have forgotten it.")
    if invitation.revoked_at is not None:
        return ("This invitation has been withdrawn. If you think you should have an account, "
                "contact whoever invited you.")
    if invitation.is_expired:
        return (f"This invitation expired on {timezone.localtime(invitation.expires_at):%-d %B %Y}. "
                "Ask whoever invited you to send it again.")
    return None


def resend_error(invitation: Invitation) -> str | None:
    if invitation.accepted_at is not None:
        return "This invitation has already been used to make an account."
    if invitation.revoked_at is not None:
        return "This invitation has been withdrawn. Invite them again instead."
    return None


def revoke_error(invitation: Invitation) -> str | None:
    if invitation.accepted_at is not None:
        return "This invitation has already been used to make an account."
    if invitation.revoked_at is not None:
        return "This invitation has already been withdrawn."
    return None


def claim_error(invitation: Invitation) -> str | None:
    """Why the invited trainee cannot try their GMC number again."""
    if invitation.claimed_at is not None:
        return "Your record is already linked to your account."
    if invitation.claim_attempts >= CLAIM_ATTEMPTS:
        return ("The GMC number was wrong too many times, so your record has not been linked. "
                "Contact your deanery: they can check your record and invite you again.")
    return None


def decide_error(request: AccountRequest) -> str | None:
    """Why a request for an account cannot be approved or refused now."""
    if request.status != AccountRequest.Status.WAITING:
        return f"This request has already been decided: {request.get_status_display().lower()}."
    return None
