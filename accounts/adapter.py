"""How django-allauth fits this service: nobody signs up, messages in our words, and every
email goes to the outbox (through `accounts.events.account_email`)."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest

from accounts import emails, events, invitations, rules
from accounts.models import User

# allauth's message templates (account/messages/<name>.txt and the like) → what we say, or
# nothing for an empty string.
MESSAGES = {
    "logged_in": "",
    "logged_out": "",
    "password_changed": "Your password has been changed.",
    "password_set": "Your password has been set.",
    "totp_activated": "Your authenticator app is set up. You will enter a code from it when you sign in.",
    "totp_deactivated": "Your authenticator app has been removed.",
    "recovery_codes_generated": "You have new recovery codes. The old ones no longer work.",
    "account_connected": "Signing in through your organisation is now connected to your account.",
    "account_disconnected": "Signing in through your organisation has been disconnected.",
}


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "Enter a correct email address and password",
        "account_inactive": "This account has been deactivated",
        "enter_current_password": "The password you entered is not your current password",
        "incorrect_password": "The current password is not correct",
        "rate_limited": "There have been too many requests. Wait a minute, then try again",
        "too_many_login_attempts": "There have been too many attempts to sign in. Try again later",
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are made for people (invitations, the admin site): never by signing up.
        return False

    def add_message(self, request: HttpRequest, level: int, message_template: str | None = None,
                    message_context: dict | None = None, extra_tags: str = "",
                    message: str | None = None) -> None:
        """allauth's messages in our words; none for signing in or out (the header says who is
        signed in, and a message would push the page's own news down)."""
        name = (message_template or "").rsplit("/", 1)[-1].removesuffix(".txt")
        if message_template and name not in MESSAGES:
            return super().add_message(request, level, message_template, message_context, extra_tags, message)
        if MESSAGES.get(name):
            super().add_message(request, level, extra_tags=extra_tags, message=MESSAGES[name])
        return None

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        events.account_email.send(**emails.account_email(template_prefix, email, context))

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # Someone whose role must sign in with two factors is sent to set it up straight after
        # signing in: that sign-in confirms it is them, without asking for the password twice
        # (to set up the app, then to see its recovery codes).
        request = allauth_context.request
        if (app == "allauth.mfa" and request.user.is_authenticated
                and rules.two_factor_required(request.user) and _signed_in_just_now(request)):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _signed_in_just_now(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return bool(records) and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "The code is not correct. Enter the code your authenticator app shows now",
        "cannot_delete_authenticator": "Your role must sign in with two factors, so you cannot turn it off",
        "cannot_generate_recovery_codes": "Set up an authenticator app before you make recovery codes",
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not rules.two_factor_required(authenticator.user)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on joins an existing account by an email address the provider verified;
    it never makes one, except by accepting an invitation sent to that address."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def authenticate_by_email(self, sociallogin: SocialLogin) -> tuple[User, str] | None:
        found = super().authenticate_by_email(sociallogin) or _invited(sociallogin)
        if found is not None:
            _address_verified(*found)
        return found


def _invited(sociallogin: SocialLogin) -> tuple[User, str] | None:
    """A first sign-on with an address the provider verified and an invitation was sent to:
    the invitation is accepted, and the account made then (without a password: they sign in
    through their organisation, or set one with a reset link)."""
    for address in sociallogin.email_addresses:
        invitation = invitations.invitation_by_sign_on(address.email) if address.verified else None
        if invitation is not None:
            return invitations.invitation_accept(invitation=invitation, password=None), address.email
    return None


def _address_verified(user: User, email: str) -> None:
    """The organisation's provider vouches for the address the account was made with: record
    it as verified. (allauth would otherwise take an unverified match for a stranger's sign-up
    and wipe the account's password; here nobody signs up, so there is no stranger.)"""
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=email.lower(), verified=True,
                                    primary=not EmailAddress.objects.filter(user=user).exists())
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
