"""Inviting imported trainees, and a trainee claiming their imported record.

Nobody is attached to a record unless a person decided it and the match is verified: staff
invite the trainee from their record (or approve a request whose GMC number and email both
match it), and the trainee, signed in with the invited address, confirms the record's GMC
number. A wrong number is counted; after accounts.invitation_rules.CLAIM_ATTEMPTS the claim
stops until staff invite them again.
"""

import hmac

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from accounts import invitations
from accounts.invitation_rules import claim_error
from accounts.models import Invitation, Role, User
from core.rules import refuse
from trainees.models import Trainee


def invite_error(trainee: Trainee) -> str | None:
    """Why this trainee cannot be invited now."""
    if trainee.user_id is not None:
        return f"{trainee.full_name} already has an account."
    if User.objects.filter(email__iexact=trainee.email).exists():
        return f"There is already an account with {trainee.email}. Ask an administrator to check it."
    if invitations.open_invitation_of(record_uuid=trainee.uuid) is not None:
        return (f"{trainee.full_name} already has an invitation waiting. Send it again from the list "
                "of invitations if they cannot find it.")
    return None


@transaction.atomic
def trainee_invite(*, trainee: Trainee, by: User) -> Invitation:
    """Invite an imported trainee to make an account and claim this record."""
    refuse(invite_error(trainee))
    return invitations.invitation_send(by=by, email=trainee.email, first_name=trainee.first_name,
                                       last_name=trainee.last_name, role=Role.TRAINEE, region=trainee.region,
                                       record_uuid=trainee.uuid)


def not_yet_invited(trainees: QuerySet[Trainee]) -> list[Trainee]:
    """Those of `trainees` who have no account and no invitation waiting."""
    waiting = set(Invitation.objects.filter(record_uuid__in=trainees.values("uuid"), accepted_at__isnull=True,
                                            revoked_at__isnull=True).values_list("record_uuid", flat=True))
    taken = {email.lower() for email in User.objects.filter(
        email__in=trainees.values("email")).values_list("email", flat=True)}
    return [t for t in trainees.filter(user__isnull=True).select_related("region").order_by("last_name")
            if t.uuid not in waiting and t.email.lower() not in taken]


@transaction.atomic
def trainees_invite(*, trainees: QuerySet[Trainee], by: User) -> int:
    """Invite every one of `trainees` not yet invited (an import's). Returns how many."""
    chosen = not_yet_invited(trainees)
    for trainee in chosen:
        trainee_invite(trainee=trainee, by=by)
    return len(chosen)


def record_to_claim(user: User) -> Trainee | None:
    """The imported record this trainee was invited to claim, while it is still free."""
    invitation = invitations.claim_waiting(user)
    if invitation is None or invitation.record_uuid is None:
        return None
    return Trainee.objects.filter(uuid=invitation.record_uuid, user__isnull=True).first()


def record_claim(*, user: User, gmc_number: str) -> Trainee:
    """Attach the record to the trainee once they give its GMC number. Not atomic as a whole:
    a wrong number is counted even though the claim is refused."""
    invitation = invitations.claim_waiting(user)
    if invitation is None:
        raise ValidationError("There is no record waiting for you to claim.")
    refuse(claim_error(invitation))
    trainee = record_to_claim(user)
    if trainee is None or trainee.email.lower() != user.email.lower():
        raise ValidationError("Your record could not be linked. Contact your deanery: they can check it.")
    if not hmac.compare_digest(gmc_number.strip(), trainee.gmc_number):
        invitations.claim_failed(invitation=invitation)
        refuse(claim_error(invitation))
        raise ValidationError({"gmc_number": "The GMC number does not match your record. "
                                             "Check it and try again"})
    return _attach(trainee=trainee, user=user, invitation=invitation)


@transaction.atomic
def _attach(*, trainee: Trainee, user: User, invitation: Invitation) -> Trainee:
    locked = Trainee.objects.select_for_update().get(pk=trainee.pk)
    if locked.user_id is not None:
        raise ValidationError("This record is already linked to an account. Contact your deanery.")
    locked.user = user
    locked.save(update_fields=["user", "updated_at"])
    invitations.claim_done(invitation=invitation)
    return locked
