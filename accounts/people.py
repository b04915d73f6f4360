"""People managed in the service: who staff and administrators see, and closing an account
(deactivating it) or opening it again.

Deanery staff see the people of their region: their colleagues, the medical directors of
the region's trusts, and the trainees and mentors of the region. Trainees and mentors
belong to a region through records kept by apps above this one, so each of those apps
registers how (`region_members`, from its `scopes.py`). Administrators see everyone.

Deactivating keeps every record of the person. It stops them signing in at once: their
sessions end, and Django's authentication backends refuse an inactive account on every
request anyway. Their API tokens are revoked. The change, its author and the reason are
kept in the account's history (django-simple-history), and the person is told by email.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from importlib import import_module
from operator import or_

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import events, tokens
from accounts.models import ErasureRecord, Role, User
from accounts.scoping import everything, rule, visible
from core.audit import changes_by
from core.forms import limit
from core.rules import refuse

# The reason is kept with the change in the account's history, in its column.
REASON_LENGTH = limit(User.history.model, "history_change_reason")

Member = Callable[[int], Q]
_MEMBERS: list[Member] = []


def region_members(fn: Member) -> Member:
    """Register `fn(region_id)`: a condition on User for people who belong to the region
    through a record an app above accounts keeps (a trainee's record, a mentor's profile)."""
    _MEMBERS.append(fn)
    return fn


@region_members
def _staff_and_directors(region_id: int) -> Q:
    return (Q(role=Role.DEANERY_STAFF, region_id=region_id)
            | Q(role=Role.MEDICAL_DIRECTOR, trust__region_id=region_id))


rule(User, Role.ADMINISTRATOR)(everything)


@rule(User, Role.DEANERY_STAFF)
def _region_people(user: User, people: QuerySet) -> QuerySet:
    region_id = user.region_id
    assert region_id is not None, "deanery staff always belong to a region"
    return people.filter(reduce(or_, (member(region_id) for member in _MEMBERS)))


# -- reads --------------------------------------------------------------------------


def people_for(user: User) -> QuerySet[User]:
    """The accounts the viewer may see and manage. Accounts deleted at their owner's request
    are gone from the service, so from here too."""
    erased = ErasureRecord.objects.values("subject_uuid")
    return visible(user, User.objects.select_related("region", "trust").exclude(uuid__in=erased))


ACTIVE, DEACTIVATED = "active", "deactivated"


def people_list(*, people: QuerySet[User], search: str = "", role: str = "",
                status: str = "") -> QuerySet[User]:
    """People matching a name or email search, a role and whether their account is active."""
    for word in search.split():
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                               | Q(email__icontains=word))
    if role:
        people = people.filter(role=role)
    if status:
        people = people.filter(is_active=status == ACTIVE)
    return people.order_by("last_name", "first_name", "pk")


@dataclass(frozen=True)
class AccountChange:
    at: datetime
    by: str
    what: str
    reason: str


def account_history(person: User) -> list[AccountChange]:
    """What happened to the account, the latest first: made, deactivated, reactivated, or its
    details changed; who did it (or the service itself) and the reason they gave."""
    rows = list(person.history.select_related("history_user").order_by("history_date", "history_id"))
    changes, before = [], None
    for row in rows:
        changes.append(AccountChange(
            at=row.history_date, by=str(row.history_user) if row.history_user else "The service",
            what=_what_changed(before, row), reason=row.history_change_reason or ""))
        before = row
    return changes[::-1]


def _what_changed(before, row) -> str:
    if before is None:
        return "Account made"
    if before.is_active and not row.is_active:
        return "Deactivated"
    if row.is_active and not before.is_active:
        return "Reactivated"
    return "Details changed"


# -- what may happen, and why not ---------------------------------------------------


def deactivation_error(*, by: User, person: User) -> str | None:
    """Why `by` cannot deactivate this account now."""
    if person.pk == by.pk:
        return "You cannot deactivate your own account. Ask an administrator if it needs to be closed"
    if not person.is_active:
        return f"{person.get_full_name()}'s account is already deactivated"
    return _manage_error(by=by, person=person, doing="deactivate")


def reactivation_error(*, by: User, person: User) -> str | None:
    """Why `by` cannot reactivate this account now."""
    if person.is_active:
        return f"{person.get_full_name()}'s account is already active"
    if ErasureRecord.objects.filter(subject_uuid=person.uuid).exists():
        return "This account was deleted at its owner's request. It cannot be reactivated"
    return _manage_error(by=by, person=person, doing="reactivate")


def _manage_error(*, by: User, person: User, doing: str) -> str | None:
    # Administrators make and close the accounts of staff and of other administrators
    # (they invite staff, too); staff manage the people their region works with.
    if by.role == Role.ADMINISTRATOR:
        return None
    if person.role == Role.ADMINISTRATOR:
        return f"Only an administrator can {doing} an administrator's account"
    if person.role == Role.DEANERY_STAFF:
        return f"Only an administrator can {doing} the account of a member of deanery staff"
    return None


# -- writes -------------------------------------------------------------------------


@transaction.atomic
def person_deactivate(*, person: User, by: User, reason: str) -> User:
    """Close the account: records stay, sign-in and API tokens stop at once, they are told."""
    person = User.objects.select_for_update().get(pk=person.pk)
    refuse(deactivation_error(by=by, person=person))
    _save_active(person, active=False, by=by, reason=reason)
    tokens.tokens_revoke_all(user=person)
    _sessions_end(person)
    events.account_email.send(
        to_address=person.email, template="account_deactivated", subject="Your account has been closed",
        context={"first_name": person.first_name, "contact": _contact(by)}, recipient=person)
    return person


@transaction.atomic
def person_reactivate(*, person: User, by: User, reason: str) -> User:
    """Open a closed account again: they can sign in with their password as before."""
    person = User.objects.select_for_update().get(pk=person.pk)
    refuse(reactivation_error(by=by, person=person))
    _save_active(person, active=True, by=by, reason=reason)
    events.account_email.send(
        to_address=person.email, template="account_reactivated", subject="Your account has been reopened",
        context={"first_name": person.first_name, "contact": _contact(by)}, recipient=person)
    return person


def _save_active(person: User, *, active: bool, by: User, reason: str) -> None:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": "Enter the reason"})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": f"The reason must be {REASON_LENGTH} characters or fewer"})
    person.is_active = active
    person._change_reason = reason  # type: ignore[attr-defined]  # simple_history keeps it with the change
    with changes_by(by):
        person.save(update_fields=["is_active"])


def _sessions_end(person: User) -> None:
    """End every session the person has open. (Each request also checks that the account is
    active; ending the sessions keeps them ended should the account be reactivated.)"""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(person.pk):
            store(session_key=session.session_key).delete()  # from the cache too, where there is one


def _contact(by: User) -> str:
    """Whom the person should ask about their account, in the email."""
    if by.role == Role.DEANERY_STAFF and by.region is not None:
        return f"your local office, {by.region.name}"
    return "your local office or the service administrator"
