from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Interest,
    Match,
    MatchRun,
    Stewardship,
    StewardshipAlert,
    Vacancy,
)


@admin.register(Vacancy)
class VacancyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "trust", "role_type", "status", "closing_date"]
    list_filter = ["status", "role_type", "trust__region"]
    search_fields = ["title", "trust__name", "trust__ods_code"]
    autocomplete_fields = ["trust", "created_by"]
    filter_horizontal = ["required_domains", "specialties"]
    readonly_fields = ["uuid", "published_at"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    """Matches are worked out by the matching jobs: shown here, never edited by hand (a row
    changed here would not be rewritten until what it was worked out from changes)."""

    list_display = ["trainee", "vacancy", "score", "computed_at"]
    list_filter = ["vacancy__status"]
    search_fields = ["trainee__gmc_number", "vacancy__title"]
    autocomplete_fields = ["trainee", "vacancy"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Interest)
class InterestAdmin(SimpleHistoryAdmin):
    list_display = ["trainee", "vacancy", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["trainee__gmc_number", "vacancy__title"]
    autocomplete_fields = ["trainee", "vacancy", "evidence"]


@admin.register(Stewardship)
class StewardshipAdmin(admin.ModelAdmin):
    list_display = ["trainee", "status", "status_since", "computed_at"]
    list_filter = ["status", "trainee__region"]
    search_fields = ["trainee__gmc_number", "trainee__last_name"]
    autocomplete_fields = ["trainee"]


@admin.register(StewardshipAlert)
class StewardshipAlertAdmin(admin.ModelAdmin):
    list_display = ["trainee", "status", "raised_at", "resolved_at"]
    list_filter = ["status", "trainee__region"]
    search_fields = ["trainee__gmc_number", "trainee__last_name"]
    autocomplete_fields = ["trainee", "resolved_by"]


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = ["kind", "target", "status", "started_at", "finished_at", "pairs_scored"]
    list_filter = ["kind", "status"]
    search_fields = ["target"]
