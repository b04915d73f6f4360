from django import forms
from django.contrib.auth.forms import AuthenticationForm

from accounts.models import ApiToken
from core.forms import limit


class SignInForm(AuthenticationForm):
    """Email and password, with messages in the NHS.UK style."""

    username = forms.EmailField(
        label="Email address",
        error_messages={"required": "Enter your email address",
                        "invalid": "Enter an email address in the correct format, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been deactivated",
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].lower()


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name", max_length=limit(ApiToken, "name"),
        help_text="What the token is for, so you can recognise it later. "
                  "For example, weekly report spreadsheet.",
        error_messages={"required": "Enter a name for the token",
                        "max_length": f"Token name must be {limit(ApiToken, 'name')} characters or fewer"},
    )
