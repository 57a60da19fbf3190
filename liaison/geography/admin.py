"""The reference geography in the admin, to look up and search (scheme footprints pick local
authorities from it). It changes by loading ONS files, not by hand."""

from __future__ import annotations

from django.contrib import admin

from liaison.core.admin_pieces import ReadOnlyAdmin
from liaison.geography.models import ForceArea, LocalAuthority, PopulationRelease, Region


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name"]


@admin.register(ForceArea)
class ForceAreaAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "region"]
    search_fields = ["code", "name"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "force_area", "region"]
    list_filter = ["region", "force_area"]
    search_fields = ["code", "name", "force_area__name"]


@admin.register(PopulationRelease)
class PopulationReleaseAdmin(ReadOnlyAdmin):
    list_display = ["year", "rows", "source", "loaded_at"]
