from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Cohort, Fellowship, Scheme


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "scope", "region_served", "clinicians_per_year", "is_active"]
    list_filter = ["scope", "is_active", "facts_unconfirmed"]
    search_fields = ["name", "short_name"]
    # Administrators make someone a national scheme lead here (once they have the role).
    filter_horizontal = ["leads"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "scheme", "intake_year", "region", "start_date", "end_date"]
    list_filter = ["scheme", "intake_year", "region"]
    search_fields = ["name", "scheme__name"]


@admin.register(Fellowship)
class FellowshipAdmin(SimpleHistoryAdmin):
    list_display = ["trainee", "cohort", "status", "start_date", "end_date", "completed_on"]
    list_filter = ["status", "cohort__scheme"]
    search_fields = ["trainee__gmc_number", "trainee__last_name", "host_organisation"]
    autocomplete_fields = ["trainee", "cohort", "eligibility_override_by"]
