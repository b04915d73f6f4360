from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting, Mentor, Mentorship


@admin.register(Mentor)
class MentorAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "region", "capacity", "accepting"]
    list_filter = ["region", "accepting"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation"]
    filter_horizontal = ["expertise"]
    autocomplete_fields = ["user"]


@admin.register(Mentorship)
class MentorshipAdmin(SimpleHistoryAdmin):
    list_display = ["mentor", "trainee", "status", "started_on", "ended_on"]
    list_filter = ["status"]
    search_fields = ["trainee__gmc_number", "trainee__last_name", "mentor__user__last_name"]
    # Searched by name: a mentor's or trainee's database id means nothing to anyone.
    autocomplete_fields = ["mentor", "trainee"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    # Private notes are for the pair alone: not shown to administrators either (nor kept in
    # the meeting's history).
    list_display = ["mentorship", "held_on"]
    exclude = ["private_notes"]
    autocomplete_fields = ["mentorship"]
