from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms

from accounts.models import ApiToken
from core import forms as core_forms
from core.forms import limit

EMAIL_MESSAGES = {"required": "Enter your email address",
                  "invalid": "Enter an email address in the correct format, like name@example.com"}


def _plain(field: forms.Field, label: str, messages: dict[str, str], autocomplete: str = "") -> None:
    """Our label and messages on one of allauth's fields, without its placeholder (the NHS.UK
    design system asks for labels and hints, never placeholders)."""
    field.label = label
    field.help_text = ""
    field.error_messages.update(messages)
    field.widget.attrs.pop("placeholder", None)
    if autocomplete:
        field.widget.attrs["autocomplete"] = autocomplete


class SignInForm(core_forms.PlainMessages, allauth_forms.LoginForm):
    """Email and password, with messages in the NHS.UK style."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["login"], "Email address", EMAIL_MESSAGES, "email")
        _plain(self.fields["password"], "Password", {"required": "Enter your password"}, "current-password")

    def clean_login(self) -> str:
        return super().clean_login().lower()


class ResetPasswordForm(core_forms.PlainMessages, allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["email"], "Email address", EMAIL_MESSAGES, "email")


NEW_PASSWORD = {"required": "Enter a new password"}
AGAIN = {"required": "Enter the new password again"}


def _new_passwords(form: forms.Form) -> None:
    _plain(form.fields["password1"], "New password", NEW_PASSWORD, "new-password")
    _plain(form.fields["password2"], "Enter the new password again", AGAIN, "new-password")
    form.fields["password1"].help_text = "At least 12 characters. Do not use a password you use elsewhere."


class ResetPasswordKeyForm(core_forms.PlainMessages, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _new_passwords(self)


class SetPasswordForm(core_forms.PlainMessages, allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _new_passwords(self)


class ChangePasswordForm(core_forms.PlainMessages, allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["oldpassword"], "Current password", {"required": "Enter your current password"},
               "current-password")
        _new_passwords(self)


class ReauthenticateForm(core_forms.PlainMessages, allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["password"], "Password", {"required": "Enter your password"}, "current-password")


CODE_MESSAGES = {"required": "Enter the code from your authenticator app"}


class TwoFactorSignInForm(core_forms.PlainMessages, mfa_forms.AuthenticateForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["code"], "Code", CODE_MESSAGES, "one-time-code")
        self.fields["code"].help_text = ("The 6-digit code your authenticator app shows now, "
                                         "or one of your recovery codes")


class TwoFactorReauthenticateForm(core_forms.PlainMessages, mfa_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["code"], "Code", CODE_MESSAGES, "one-time-code")
        self.fields["code"].help_text = "The 6-digit code your authenticator app shows now"


class AuthenticatorSetUpForm(core_forms.PlainMessages, totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["code"], "Code from your authenticator app", CODE_MESSAGES, "one-time-code")
        self.fields["code"].help_text = "The 6-digit code your app shows now, for example 123456"


class ApiTokenForm(core_forms.Form):
    name = forms.CharField(
        label="Token name", max_length=limit(ApiToken, "name"),
        help_text="What the token is for, so you can recognise it later. "
                  "For example, weekly report spreadsheet.",
        error_messages={"required": "Enter a name for the token",
                        "max_length": f"Token name must be {limit(ApiToken, 'name')} characters or fewer"},
    )
