"""Signing in, out and passwords: django-allauth's views under the names allauth reverses.

Only the pages this service offers are here (no signing up, no managing email addresses,
no sign-in by code), so each has a row in the URL × role matrix and a page in our layout.
"""

from allauth.account import views as allauth
from django.urls import path, re_path
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
]
