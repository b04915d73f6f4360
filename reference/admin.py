from django.contrib import admin

from .models import (
    FrameworkDomain,
    FrameworkElement,
    Grade,
    LeadershipFramework,
    LeadershipRoleType,
    Region,
    Specialty,
    Trust,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "nation"]
    list_filter = ["kind", "nation"]
    search_fields = ["name", "code"]


@admin.register(Trust)
class TrustAdmin(admin.ModelAdmin):
    list_display = ["name", "ods_code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "ods_code"]


@admin.register(LeadershipRoleType)
class LeadershipRoleTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "stage", "rank", "active"]
    list_filter = ["stage", "active"]
    search_fields = ["code", "name"]


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(LeadershipFramework)
class LeadershipFrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "publisher", "year"]
    search_fields = ["name"]


@admin.register(FrameworkDomain)
class FrameworkDomainAdmin(admin.ModelAdmin):
    list_display = ["name", "framework", "number"]
    list_filter = ["framework"]
    search_fields = ["name"]


@admin.register(FrameworkElement)
class FrameworkElementAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "framework", "number"]
    list_filter = ["framework", "domain"]
    search_fields = ["name"]
