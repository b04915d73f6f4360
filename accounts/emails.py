"""The emails django-allauth asks to send, in our words and through the outbox.

allauth names each email by a template prefix and hands over a context holding objects
(the user, the request). The outbox keeps only plain values, so each email keeps what its
template needs, under our own template names in templates/emails/.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from accounts.models import User


@dataclass(frozen=True)
class AccountEmail:
    template: str
    subject: str


SECURITY_NOTICE = "account_security_notice"

EMAILS: dict[str, AccountEmail] = {
    "account/email/password_reset_key": AccountEmail("password_reset", "Reset your password"),
    "account/email/password_changed": AccountEmail(SECURITY_NOTICE, "Your password has been changed"),
    "account/email/password_reset": AccountEmail(SECURITY_NOTICE, "Your password has been reset"),
    "account/email/password_set": AccountEmail(SECURITY_NOTICE, "A password has been set for your account"),
    "socialaccount/email/account_connected": AccountEmail(
        SECURITY_NOTICE, "Signing in through your organisation is now connected to your account"),
    "socialaccount/email/account_disconnected": AccountEmail(
        SECURITY_NOTICE, "Signing in through your organisation was disconnected from your account"),
    "mfa/email/totp_activated": AccountEmail(SECURITY_NOTICE, "Two-factor sign-in has been turned on"),
    "mfa/email/totp_deactivated": AccountEmail(SECURITY_NOTICE, "Two-factor sign-in has been turned off"),
    "mfa/email/recovery_codes_generated": AccountEmail(SECURITY_NOTICE,
                                                       "New recovery codes were made for your account"),
}

# What each notice says happened, in the email's body.
WHAT_HAPPENED = {
    "account/email/password_changed": "Your password was changed.",
    "account/email/password_reset": "Your password was reset using a link we emailed to you.",
    "account/email/password_set": "A password was set for your account.",
    "socialaccount/email/account_connected": "You signed in through your organisation for the first time. "
                                             "From now on you can sign in that way.",
    "socialaccount/email/account_disconnected": "Signing in through your organisation was disconnected.",
    "mfa/email/totp_activated": "Two-factor sign-in with an authenticator app was turned on.",
    "mfa/email/totp_deactivated": "Two-factor sign-in with an authenticator app was turned off.",
    "mfa/email/recovery_codes_generated": "New recovery codes were made. The old ones no longer work.",
}


class UnknownAccountEmail(LookupError):
    """allauth asked for an email this service has no words for."""


def account_email(template_prefix: str, to_address: str, context: dict[str, Any]) -> dict[str, Any]:
    """What the outbox needs to send the email allauth asked for."""
    email = EMAILS.get(template_prefix)
    if email is None:
        raise UnknownAccountEmail(template_prefix)
    user = context.get("user")
    # Notices (a password changed) name no user: they go to the account's own address.
    recipient = user if isinstance(user, User) else User.objects.filter(email__iexact=to_address).first()
    values: dict[str, Any] = {"first_name": recipient.first_name if recipient else ""}
    if "password_reset_url" in context:
        values["reset_url"] = str(context["password_reset_url"])
        values["hours"] = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    if template_prefix in WHAT_HAPPENED:
        values["what_happened"] = WHAT_HAPPENED[template_prefix]
    return {"to_address": to_address, "template": email.template, "subject": email.subject,
            "context": values, "recipient": recipient}
