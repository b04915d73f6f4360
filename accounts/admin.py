from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.socialaccount.admin import SocialAccountAdmin
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    """Accounts, with who changed each (its history keeps no password hash)."""

    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "region", "trust", "is_active"]
    list_filter = ["role", "is_active", "region"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["trust"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name"]}),
        ("Role", {"fields": ["role", "region", "trust"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": [
            "email", "first_name", "last_name", "role", "region", "trust", "password1", "password2",
        ]}),
    ]


# django-allauth's own admin pages ask for a person by raw database id; ask by search instead,
# as every other admin page does. Tokens are never stored and providers come from settings,
# so those two have no page.
class EmailAddressSearchAdmin(EmailAddressAdmin):
    raw_id_fields = ()
    autocomplete_fields = ["user"]


class AuthenticatorSearchAdmin(AuthenticatorAdmin):
    raw_id_fields = ()
    autocomplete_fields = ["user"]


class SocialAccountSearchAdmin(SocialAccountAdmin):
    raw_id_fields = ()
    autocomplete_fields = ["user"]


for _model, _admin in ((EmailAddress, EmailAddressSearchAdmin), (Authenticator, AuthenticatorSearchAdmin),
                       (SocialAccount, SocialAccountSearchAdmin)):
    admin.site.unregister(_model)
    admin.site.register(_model, _admin)
admin.site.unregister(SocialToken)
admin.site.unregister(SocialApp)
