from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "to_address", "template", "status", "created_at", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["to_address", "subject"]
    autocomplete_fields = ["recipient"]
    readonly_fields = ["context", "attempts", "error", "sent_at"]
