"""What `accounts` holds about a person: the account, API tokens, sign-in logs (django-axes)
and the admin site's log (core.personal_data), with how long sign-in logs and sessions are kept.

The account is registered first, so it is erased last: every app above still finds the
person by their account while it erases its part.
"""

from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.db.models import Q

from accounts.erasure import former_name
from accounts.models import AccountRequest, ApiToken, ErasureRecord, Invitation, User
from core import personal_data

SIGN_IN_LOGS_KEPT = timedelta(days=90)
# An invitation never used (withdrawn, or expired) and a decided request for an account.
UNUSED_INVITATIONS_KEPT = DECIDED_REQUESTS_KEPT = timedelta(days=90)
SIGN_IN_LOGS = (AccessLog, AccessFailureLog, AccessAttempt)


def _account(user: User) -> dict:
    return {"email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "role": user.get_role_display(), "region": str(user.region or ""),
            "trust": str(user.trust or ""), "joined": user.date_joined, "last_signed_in": user.last_login,
            "email_addresses": [{"email": e.email, "verified": e.verified, "primary": e.primary}
                                for e in EmailAddress.objects.filter(user=user)],
            "two_factor": [{"kind": a.get_type_display(), "set_up": a.created_at, "last_used": a.last_used_at}
                           for a in Authenticator.objects.filter(user=user)],
            "single_sign_on": [{"provider": a.provider, "joined": a.date_joined, "last_used": a.last_login}
                               for a in SocialAccount.objects.filter(user=user)]}


def _erase_account(person: personal_data.Person) -> None:
    user = User.objects.get(pk=person.user.pk)
    user.first_name, _, user.last_name = former_name(user.role).partition(" ")
    user.email = f"erased-{user.uuid}@erased.invalid"
    user.password = make_password(None)  # unusable: and every session of theirs ends with it
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # How they signed in: their addresses, authenticator app and single sign-on (django-allauth).
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    personal_data.purge_history(User, id=user.pk)


def _identify(user: User) -> list[str]:
    return [user.get_full_name(), user.email]


def _tokens(user: User) -> list[dict]:
    return [{"name": t.name, "starts_with": t.prefix, "created_at": t.created_at,
             "last_used_at": t.last_used_at, "revoked_at": t.revoked_at}
            for t in ApiToken.objects.filter(user=user)]


def _by_username(identifiers) -> Q:
    addresses = [i for i in identifiers if "@" in i]
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(username__iexact=address)
    return condition


def _sign_ins(user: User) -> list[dict]:
    rows = []
    for model in SIGN_IN_LOGS:
        for entry in model.objects.filter(_by_username([user.email])).order_by("-attempt_time"):
            rows.append({"what": model._meta.verbose_name, "at": entry.attempt_time,
                         "ip_address": entry.ip_address, "browser": entry.user_agent,
                         **({"signed_out_at": entry.logout_time} if model is AccessLog else {})})
    return rows


def _erase_sign_ins(person: personal_data.Person) -> None:
    for model in SIGN_IN_LOGS:
        model.objects.filter(_by_username(person.identifiers)).delete()


def _admin_log(user: User) -> list[dict]:
    return [{"at": e.action_time, "object": e.object_repr, "change": e.get_change_message()}
            for e in LogEntry.objects.filter(user=user)]


def _erase_admin_log(person: personal_data.Person) -> None:
    # Changes they made stay (an audit trail), by the anonymised account; their name goes
    # from every entry, theirs or anyone's (an entry names the object it changed).
    personal_data.scrub_mentions(LogEntry.objects.all(), ["object_repr", "change_message"],
                                 person.identifiers)


def _yours(model, person: personal_data.Person):
    """Rows of an invitation or a request for an account that are about the person: by their
    account, or by an address of theirs."""
    addresses = [i for i in person.identifiers if "@" in i]
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(email__iexact=address)
    if model is Invitation:
        condition |= Q(user=person.user)
    return model.objects.filter(condition)


def _invitations(user: User) -> list[dict]:
    return [{"email": i.email, "invited_as": i.get_role_display(), "invited_by": str(i.invited_by or ""),
             "sent_at": i.sent_at, "accepted_at": i.accepted_at, "record_claimed_at": i.claimed_at}
            for i in Invitation.objects.filter(Q(user=user) | Q(email__iexact=user.email))]


def _erase_invitations(person: personal_data.Person) -> None:
    # Invitations they sent stay (who invited whom), by the anonymised account.
    ids = list(_yours(Invitation, person).values_list("pk", flat=True))
    Invitation.objects.filter(pk__in=ids).delete()
    personal_data.purge_history(Invitation, id__in=ids)


def _account_requests(user: User) -> list[dict]:
    return [{"email": r.email, "gmc_number": r.gmc_number, "region": str(r.region), "asked_at": r.created_at,
             "decision": r.get_status_display(), "reason": r.reason}
            for r in AccountRequest.objects.filter(email__iexact=user.email)]


def _erase_account_requests(person: personal_data.Person) -> None:
    ids = list(_yours(AccountRequest, person).values_list("pk", flat=True))
    AccountRequest.objects.filter(pk__in=ids).delete()
    personal_data.purge_history(AccountRequest, id__in=ids)


def _remove_unused_invitations(cutoff: datetime) -> int:
    unused = Invitation.objects.filter(accepted_at__isnull=True).filter(
        Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff))
    ids = list(unused.values_list("pk", flat=True))
    personal_data.purge_history(Invitation, id__in=ids)
    return Invitation.objects.filter(pk__in=ids).delete()[0]


def _remove_decided_requests(cutoff: datetime) -> int:
    decided = AccountRequest.objects.filter(decided_at__lt=cutoff)
    ids = list(decided.values_list("pk", flat=True))
    personal_data.purge_history(AccountRequest, id__in=ids)
    return AccountRequest.objects.filter(pk__in=ids).delete()[0]


def _remove_old_sign_in_logs(cutoff: datetime) -> int:
    return sum(model.objects.filter(attempt_time__lt=cutoff).delete()[0] for model in SIGN_IN_LOGS)


def _remove_expired_sessions(cutoff: datetime) -> int:
    return Session.objects.filter(expire_date__lt=cutoff).delete()[0]


def register() -> None:
    personal_data.register("account", models=[User, User.groups.through, User.user_permissions.through,
                                              EmailAddress, Authenticator, SocialAccount],
                           export=_account, erase=_erase_account, identify=_identify)
    personal_data.register("invitations", models=[Invitation], export=_invitations, erase=_erase_invitations)
    personal_data.register("account_requests", models=[AccountRequest], export=_account_requests,
                           erase=_erase_account_requests)
    personal_data.register("api_tokens", models=[ApiToken], export=_tokens,
                           erase=lambda person: ApiToken.objects.filter(user=person.user).delete())
    personal_data.register("sign_ins", models=SIGN_IN_LOGS, export=_sign_ins, erase=_erase_sign_ins)
    personal_data.register("admin_log", models=[LogEntry], export=_admin_log, erase=_erase_admin_log)
    personal_data.holds_nothing_personal(
        ErasureRecord, reason="Says only that an erasure happened, when, and which account asked for "
        "it; that account is itself anonymised when it is erased.")
    personal_data.retain("sign-in logs", kept_for=SIGN_IN_LOGS_KEPT, apply=_remove_old_sign_in_logs)
    personal_data.retain("invitations never used", kept_for=UNUSED_INVITATIONS_KEPT,
                         apply=_remove_unused_invitations)
    personal_data.retain("decided requests for an account", kept_for=DECIDED_REQUESTS_KEPT,
                         apply=_remove_decided_requests)
    personal_data.retain("expired sessions", kept_for=timedelta(0), apply=_remove_expired_sessions)
