"""How django-allauth fits this service: nobody signs up, messages in our words, and every
email goes to the outbox (through `accounts.events.account_email`)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from accounts import emails, events


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

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        events.account_email.send(**emails.account_email(template_prefix, email, context))
