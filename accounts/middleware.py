"""Someone whose role must sign in with two factors sets up an authenticator app before
anything else (the rule: accounts.rules.two_factor_missing)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from accounts import rules

# What they may still do: set the app up (confirming it is them first), keep the recovery
# codes it makes, or sign out.
SETTING_UP = {"mfa_activate_totp", "mfa_view_recovery_codes", "mfa_download_recovery_codes",
              "mfa_reauthenticate", "account_reauthenticate", "account_logout", "healthz"}


class TwoFactorRequired:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (user.is_authenticated and not _setting_up(request)
                and rules.two_factor_missing(user)):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _setting_up(request: HttpRequest) -> bool:
    if request.path.startswith(settings.STATIC_URL):
        return True
    try:
        return resolve(request.path_info).url_name in SETTING_UP
    except Resolver404:
        return False
