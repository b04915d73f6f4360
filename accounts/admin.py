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
