from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Allocation, AllocationRound, RoundPost


class RoundPostInline(admin.TabularInline):
    model = RoundPost
    fields = ("vacancy", "places", "ranked_at", "ranked_by")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(AllocationRound)
class AllocationRoundAdmin(SimpleHistoryAdmin):
    """Rounds are run by staff on their pages; here they are for looking into, not editing:
    a run round's inputs and placements are its audit record."""

    list_display = ["name", "region", "status", "trainee_deadline", "director_deadline", "run_at"]
    list_filter = ["status", "region"]
    search_fields = ["name"]
    readonly_fields = ["status", "opened_at", "run_at", "run_by", "published_at", "published_by",
                       "inputs_digest", "created_by"]
    inlines = [RoundPostInline]


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["round", "trainee", "post", "choice"]
    list_filter = ["round"]
    search_fields = ["trainee__gmc_number", "trainee__last_name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
