"""Asking for an account: a trainee who was not invited asks; their region's staff approve
(an invitation is sent) or refuse (the reason is emailed).

The page that asks says the same thing whatever is asked, whether or not an account or a
record exists, so it cannot be used to find out who is known to the service.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts import events, scoping
from accounts.invitation_rules import decide_error
from accounts.invitations import invitation_send
from accounts.models import AccountRequest, Invitation, Role, User
from core.rules import refuse
from reference.models import Region


@transaction.atomic
def account_request_make(*, first_name: str, last_name: str, email: str, gmc_number: str,
                         region: Region) -> AccountRequest | None:
    """Record a request for staff to decide, unless it could lead nowhere (an account with that
    address, or the same request waiting already): then nothing, and the page says the same."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        return None
    waiting = AccountRequest.objects.filter(email__iexact=email, region=region,
                                            status=AccountRequest.Status.WAITING)
    if waiting.exists():
        return None
    request = AccountRequest(first_name=first_name.strip(), last_name=last_name.strip(), email=email,
                             gmc_number=gmc_number.strip(), region=region)
    request.full_clean()
    request.save()
    return request


def matching_record(request: AccountRequest):
    """The imported record whose GMC number and email both match the request, if any (its id)."""
    answers = events.record_for_account_request.ask(gmc_number=request.gmc_number, email=request.email,
                                                    region=request.region)
    return answers[0] if answers else None


@transaction.atomic
def account_request_approve(*, request: AccountRequest, by: User) -> Invitation:
    """Invite the trainee, naming their imported record when GMC number and email both match
    one (they then confirm the GMC number before it is theirs)."""
    request = AccountRequest.objects.select_for_update().get(pk=request.pk)
    refuse(decide_error(request))
    invitation = invitation_send(by=by, email=request.email, first_name=request.first_name,
                                 last_name=request.last_name, role=Role.TRAINEE, region=request.region,
                                 record_uuid=matching_record(request))
    request.status, request.decided_at = AccountRequest.Status.APPROVED, timezone.now()
    request.decided_by = by
    request.invitation = invitation
    request.save(update_fields=["status", "decided_at", "decided_by", "invitation"])
    return invitation


@transaction.atomic
def account_request_refuse(*, request: AccountRequest, by: User, reason: str) -> AccountRequest:
    """Refuse, telling the person why by email."""
    request = AccountRequest.objects.select_for_update().get(pk=request.pk)
    refuse(decide_error(request))
    request.status, request.decided_at = AccountRequest.Status.REFUSED, timezone.now()
    request.decided_by = by
    request.reason = reason.strip()
    request.full_clean()
    request.save(update_fields=["status", "decided_at", "decided_by", "reason"])
    events.account_email.send(
        to_address=request.email, template="account_request_refused", recipient=None,
        subject=f"Your request for a {settings.SERVICE_NAME} account",
        context={"first_name": request.first_name, "reason": request.reason,
                 "region": request.region.name})
    return request


@scoping.rule(AccountRequest, Role.DEANERY_STAFF)
def _region_requests(user: User, queryset: QuerySet) -> QuerySet:
    return queryset.filter(region_id=user.region_id)


def waiting_requests_for(user: User) -> QuerySet[AccountRequest]:
    return (scoping.visible(user, AccountRequest.objects.all())
            .filter(status=AccountRequest.Status.WAITING).select_related("region").order_by("created_at"))


def requests_for(user: User) -> QuerySet[AccountRequest]:
    return scoping.visible(user, AccountRequest.objects.all()).select_related("region", "decided_by")
