from django.contrib import admin

from liaison.organisations.models import Membership, Region, ResponseTarget, Scheme, Site, Team


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    fields = ["code", "name", "kind", "operating_hours", "active"]


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "provider", "wave", "go_live", "region"]
    list_filter = ["wave", "region"]
    search_fields = ["code", "name", "provider", "police_force_areas"]
    inlines = [SiteInline]


class ResponseTargetInline(admin.TabularInline):
    model = ResponseTarget
    extra = 0


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "scheme", "operating_hours", "active"]
    list_filter = ["kind", "scheme", "active"]
    search_fields = ["code", "name"]
    inlines = [ResponseTargetInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "scheme", "children_and_young_people"]
    list_filter = ["scheme", "children_and_young_people"]
    filter_horizontal = ["sites"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "scheme", "site"]
    list_filter = ["role", "scheme"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
