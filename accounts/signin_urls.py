"""Signing in, out and passwords: django-allauth's views under the names allauth reverses.

Only the pages this service offers are here (no signing up, no managing email addresses,
no sign-in by code), so each has a row in the URL × role matrix and a page in our layout.
"""

from allauth.account import views as allauth
from allauth.mfa.base import views as mfa
from allauth.mfa.recovery_codes import views as recovery_codes
from allauth.mfa.totp import views as totp
from allauth.socialaccount import views as socialaccount
from django.urls import include, path, re_path
from django.views.decorators.http import require_POST

urlpatterns = [
    path("sign-in/", allauth.login, name="account_login"),
    # By POST only, so a link cannot sign someone out.
    path("sign-out/", require_POST(allauth.logout), name="account_logout"),
    path("inactive/", allauth.account_inactive, name="account_inactive"),
    path("reauthenticate/", allauth.reauthenticate, name="account_reauthenticate"),
    path("password/change/", allauth.password_change, name="account_change_password"),
    path("password/set/", allauth.password_set, name="account_set_password"),
    path("password/reset/", allauth.password_reset, name="account_reset_password"),
    path("password/reset/done/", allauth.password_reset_done, name="account_reset_password_done"),
    re_path(r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$", allauth.password_reset_from_key,
            name="account_reset_password_from_key"),
    path("password/reset/key/done/", allauth.password_reset_from_key_done,
         name="account_reset_password_from_key_done"),
    # Two-factor sign-in: an authenticator app, and recovery codes for when it is lost.
    path("two-factor/", mfa.index, name="mfa_index"),
    path("two-factor/code/", mfa.authenticate, name="mfa_authenticate"),
    path("two-factor/confirm/", mfa.reauthenticate, name="mfa_reauthenticate"),
    path("two-factor/app/set-up/", totp.activate_totp, name="mfa_activate_totp"),
    path("two-factor/app/remove/", totp.deactivate_totp, name="mfa_deactivate_totp"),
    path("two-factor/recovery-codes/", recovery_codes.view_recovery_codes, name="mfa_view_recovery_codes"),
    path("two-factor/recovery-codes/new/", recovery_codes.generate_recovery_codes,
         name="mfa_generate_recovery_codes"),
    path("two-factor/recovery-codes/download/", recovery_codes.download_recovery_codes,
         name="mfa_download_recovery_codes"),
    # Single sign-on (OpenID Connect): sso/<provider id>/login/ and its callback.
    path("sso/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("sso/cancelled/", socialaccount.login_cancelled, name="socialaccount_login_cancelled"),
    path("sso/error/", socialaccount.login_error, name="socialaccount_login_error"),
]
