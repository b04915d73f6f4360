from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Evidence,
    LeadershipRole,
    Placement,
    Preferences,
    Project,
    Qualification,
    Trainee,
)


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 0
    autocomplete_fields = ["trust"]


@admin.register(Trainee)
class TraineeAdmin(SimpleHistoryAdmin):
    list_display = ["gmc_number", "last_name", "first_name", "grade", "specialty", "region"]
    list_filter = ["region", "grade", "leadership_interest"]
    search_fields = ["gmc_number", "last_name", "first_name", "email"]
    autocomplete_fields = ["current_trust", "user"]
    readonly_fields = ["uuid", "portfolio_updated_at"]
    inlines = [PlacementInline]


@admin.register(Placement)
class PlacementAdmin(SimpleHistoryAdmin):
    list_display = ["trainee", "trust", "kind", "start_date", "end_date"]
    list_filter = ["kind", "trust__region"]
    search_fields = ["trainee__gmc_number", "trust__name"]
    autocomplete_fields = ["trainee", "trust"]


class PortfolioItemAdmin(SimpleHistoryAdmin):
    autocomplete_fields = ["trainee"]
    search_fields = ["title", "trainee__gmc_number", "trainee__last_name"]


@admin.register(Evidence)
class EvidenceAdmin(PortfolioItemAdmin):
    list_display = ["title", "trainee", "element", "level", "occurred_on"]
    list_filter = ["level", "element__framework", "element__domain"]


@admin.register(Project)
class ProjectAdmin(PortfolioItemAdmin):
    list_display = ["title", "trainee", "status", "start_date"]
    list_filter = ["status"]
    autocomplete_fields = ["trainee", "trust"]


@admin.register(Qualification)
class QualificationAdmin(PortfolioItemAdmin):
    list_display = ["title", "trainee", "kind", "awarded_on"]
    list_filter = ["kind"]


@admin.register(LeadershipRole)
class LeadershipRoleAdmin(PortfolioItemAdmin):
    list_display = ["title", "trainee", "organisation", "start_date", "end_date"]
    list_filter = ["role_type"]
    autocomplete_fields = ["trainee", "trust", "vacancy"]


@admin.register(Preferences)
class PreferencesAdmin(SimpleHistoryAdmin):
    list_display = ["trainee", "discoverable", "discoverable_consent_at", "sessions_per_week"]
    list_filter = ["discoverable"]
    search_fields = ["trainee__gmc_number", "trainee__last_name"]
    autocomplete_fields = ["trainee"]


# EqualityMonitoring is deliberately not registered: answers leave only as
# suppressed aggregates, never row by row, not even in the admin.
# Its history is not registered either, and holds only who changed the answers and
# when, never the answers.
