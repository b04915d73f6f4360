"""Invitations: sent, re-sent, revoked and accepted (services), and read (selectors).

The link's secret is 32 random bytes and only its SHA-256 digest is kept (as for API tokens,
accounts.tokens): a leaked database holds no usable link. Re-sending makes a new secret, so
the old link stops working at once. The email goes to the outbox through
`accounts.events.account_email`, like every account email.
"""

import hashlib
import secrets
from datetime import timedelta
from uuid import UUID

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts import events, scoping
from accounts.invitation_rules import claim_error, invite_error, link_error, resend_error, revoke_error
from accounts.models import Invitation, Role, User
from core.rules import refuse
from reference.models import Region, Trust


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_link(invitation: Invitation) -> str:
    """Give the invitation a new secret and expiry; the secret, for the email only."""
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_digest = _digest(secret)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_DAYS)
    return secret


def _email(invitation: Invitation, secret: str, by: User | None) -> None:
    link = settings.SITE_URL + reverse("accounts:invitation", kwargs={"token": secret})
    events.account_email.send(
        to_address=invitation.email, template="invitation", recipient=None,
        subject=f"You are invited to use the {settings.SERVICE_NAME}",
        context={"first_name": invitation.first_name, "invited_by": by.get_full_name() if by else "",
                 "role": invitation.get_role_display().lower(), "link": link,
                 "days": settings.INVITATION_DAYS,
                 "expires_on": f"{timezone.localtime(invitation.expires_at):%-d %B %Y}",
                 "claims_record": invitation.record_uuid is not None})


@transaction.atomic
def invitation_send(*, by: User | None, email: str, first_name: str, last_name: str, role: str,
                    region: Region | None = None, trust: Trust | None = None,
                    record_uuid: UUID | None = None) -> Invitation:
    """Invite someone to make an account with this role; `by` None is the service itself
    (the demo). A director's region is their trust's."""
    if role == Role.MEDICAL_DIRECTOR and trust is not None:
        region = trust.region
    if by is not None:
        refuse(invite_error(by=by, role=role, region=region, trust=trust))
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "There is already an account with this email address."})
    if Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True,
                                 revoked_at__isnull=True).exists():
        raise ValidationError({"email": "This person already has an invitation waiting. Send it again "
                                        "from the list of invitations if they cannot find it."})
    invitation = Invitation(email=email, first_name=first_name.strip(), last_name=last_name.strip(),
                            role=role, region=region, trust=trust if role == Role.MEDICAL_DIRECTOR else None,
                            record_uuid=record_uuid, invited_by=by)
    secret = _new_link(invitation)
    invitation.full_clean()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # invited by someone else at the same moment
        raise ValidationError({"email": "This person already has an invitation waiting."}) from None
    _email(invitation, secret, by)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User) -> Invitation:
    """Send a new link, valid for the full time again; the old link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refuse(resend_error(invitation))
    secret = _new_link(invitation)
    invitation.times_sent += 1  # the row is locked: no other send can count at once
    invitation.claim_attempts = 0
    invitation.save(update_fields=["token_digest", "sent_at", "expires_at", "times_sent", "claim_attempts"])
    _email(invitation, secret, by)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw an invitation: its link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refuse(revoke_error(invitation))
    invitation.revoked_at, invitation.revoked_by = timezone.now(), by
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    return invitation


def invitation_for_link(secret: str) -> Invitation | None:
    """The invitation a link's secret belongs to, used or not; None for a made-up one."""
    return Invitation.objects.select_related("invited_by").filter(token_digest=_digest(secret)).first()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str | None) -> User:
    """Make the invited person's account (with a password, or none when they sign in through
    their organisation) and use the invitation up. The address is verified: the link or the
    organisation's sign-in came through it."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refuse(link_error(invitation))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError("There is already an account with this email address. Sign in instead.")
    user = User.objects.create_user(
        invitation.email, password, first_name=invitation.first_name, last_name=invitation.last_name,
        role=invitation.role, region=invitation.region if invitation.role == Role.DEANERY_STAFF else None,
        trust=invitation.trust if invitation.role == Role.MEDICAL_DIRECTOR else None)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation.accepted_at, invitation.user = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "user"])
    events.invitation_accepted.send(user=user, invitation=invitation)
    return user


def invitation_by_sign_on(email: str) -> Invitation | None:
    """An invitation that a first single sign-on with this (verified) address may accept."""
    invitation = (Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True,
                                            revoked_at__isnull=True).first())
    return invitation if invitation is not None and link_error(invitation) is None else None


# -- claiming the imported record the invitation names (the claim itself: trainees.claims) ---


def claim_waiting(user: User) -> Invitation | None:
    """The accepted invitation whose record this trainee has still to claim."""
    if not user.is_authenticated or not user.is_trainee:
        return None
    return Invitation.objects.filter(user=user, record_uuid__isnull=False, claimed_at__isnull=True).first()


def claim_failed(*, invitation: Invitation) -> None:
    """Count a wrong GMC number. Not in the caller's transaction's fate: the count must stay
    although the claim is refused."""
    Invitation.objects.filter(pk=invitation.pk).update(claim_attempts=F("claim_attempts") + 1)
    invitation.refresh_from_db(fields=["claim_attempts"])


def claim_done(*, invitation: Invitation) -> None:
    refuse(claim_error(invitation))
    invitation.claimed_at = timezone.now()
    invitation.save(update_fields=["claimed_at"])


# -- selectors ------------------------------------------------------------------------------


@scoping.rule(Invitation, Role.DEANERY_STAFF)
def _region_invitations(user: User, queryset: QuerySet) -> QuerySet:
    return queryset.filter(region_id=user.region_id)


scoping.rule(Invitation, Role.ADMINISTRATOR)(scoping.everything)


def invitations_for(user: User) -> QuerySet[Invitation]:
    return scoping.visible(user, Invitation.objects.all())


def open_invitations_for(user: User) -> QuerySet[Invitation]:
    """Invitations waiting to be used (expired ones too: they can be sent again)."""
    return (invitations_for(user).filter(accepted_at__isnull=True, revoked_at__isnull=True)
            .select_related("invited_by", "region", "trust").order_by("expires_at"))


def open_invitation_of(*, record_uuid: UUID) -> Invitation | None:
    return Invitation.objects.filter(record_uuid=record_uuid, accepted_at__isnull=True,
                                     revoked_at__isnull=True).first()
