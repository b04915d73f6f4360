from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting, Mentor, Mentorship


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "region", "capacity", "accepting"]
    list_filter = ["region", "accepting"]
    search_fields = ["user__email", "user__last_name", "organisation"]
    filter_horizontal = ["expertise"]


@admin.register(Mentorship)
class MentorshipAdmin(SimpleHistoryAdmin):
    list_display = ["mentor", "trainee", "status", "started_on", "ended_on"]
    list_filter = ["status"]
    search_fields = ["trainee__gmc_number", "trainee__last_name", "mentor__user__last_name"]
    raw_id_fields = ["trainee", "mentor"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    # Private notes are for the pair alone: not shown to administrators either.
    list_display = ["mentorship", "held_on"]
    exclude = ["private_notes"]
    raw_id_fields = ["mentorship"]
