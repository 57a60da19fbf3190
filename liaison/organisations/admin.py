"""The network's admin. Every save and delete goes through `organisations.actions`, so each
change to a scheme, site, response target, footprint or membership is written with its event."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from liaison.organisations import hours
from liaison.organisations.actions import (
    footprint_add,
    footprint_change,
    footprint_remove,
    membership_end,
    membership_grant,
    network_save,
    site_hours_set,
    values_of,
)
from liaison.organisations.models import (
    CoverageClaim,
    Footprint,
    Membership,
    OpeningPeriod,
    Region,
    ResponseTarget,
    Scheme,
    Site,
    Team,
)


def _before(instance: models.Model) -> dict[str, Any] | None:
    if instance.pk is None:
        return None
    saved = type(instance)._default_manager.filter(pk=instance.pk).first()
    return values_of(saved) if saved is not None else None


class EventedAdmin(admin.ModelAdmin[Any]):
    """Saves the record, and its inlines' records, with their change events."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool) -> None:
        network_save(by=request.user, instance=obj, before=_before(obj))  # type: ignore[arg-type]

    def save_formset(
        self, request: HttpRequest, form: ModelForm[Any], formset: BaseInlineFormSet[Any, Any, Any], change: bool
    ) -> None:
        if formset.model is OpeningPeriod:
            _save_hours(request, form.instance, formset)
            return
        instances = formset.save(commit=False)
        for obj in instances:
            if isinstance(obj, Footprint):
                _save_footprint(request, obj)
            else:
                network_save(by=request.user, instance=obj, before=_before(obj))  # type: ignore[arg-type]
        for obj in formset.deleted_objects:
            if isinstance(obj, Footprint):
                footprint_remove(by=request.user, footprint=obj, reason="removed in the admin")  # type: ignore[arg-type]
            else:
                obj.delete()
        formset.save_m2m()


def _save_hours(request: HttpRequest, site: Site, formset: BaseInlineFormSet[Any, Any, Any]) -> None:
    """The site's hours as the inline now lists them, saved whole with one change event."""
    kept = [
        f.cleaned_data
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("weekday") is not None
    ]
    periods = [hours.Period(c["weekday"], c["opens"], c["closes"]) for c in kept]
    site_hours_set(by=request.user, site=site, periods=periods)  # type: ignore[arg-type]
    # The admin's history message reads these; the rows were replaced whole, so none is listed.
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


def _save_footprint(request: HttpRequest, obj: Footprint) -> None:
    by: Any = request.user
    if obj.pk is None:
        footprint_add(
            by=by,
            scheme=obj.scheme,
            local_authority=obj.local_authority,
            effective_from=obj.effective_from,
            effective_to=obj.effective_to,
        )
    else:
        footprint_change(by=by, footprint=obj, effective_from=obj.effective_from, effective_to=obj.effective_to)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["code", "name"]


class SiteInline(admin.TabularInline[Site, Scheme]):
    model = Site
    extra = 0
    fields = ["code", "name", "kind", "active"]
    # A site with history is closed (active off), not deleted.
    can_delete = False


class FootprintInline(admin.TabularInline[Footprint, Scheme]):
    """The local authorities the scheme covers. To stop covering one, give its last day; delete
    only a row entered in error (its removal is recorded)."""

    model = Footprint
    extra = 0
    fields = ["local_authority", "effective_from", "effective_to"]
    autocomplete_fields = ["local_authority"]


@admin.register(Scheme)
class SchemeAdmin(EventedAdmin):
    list_display = ["code", "name", "provider", "wave", "go_live", "region"]
    list_filter = ["wave", "region"]
    search_fields = ["code", "name", "provider", "footprint_note"]
    inlines = [SiteInline, FootprintInline]


@admin.register(CoverageClaim)
class CoverageClaimAdmin(admin.ModelAdmin[CoverageClaim]):
    list_display = ["as_of", "percent", "schemes", "source"]


class ResponseTargetInline(admin.TabularInline[ResponseTarget, Site]):
    model = ResponseTarget
    extra = 0


class OpeningPeriodInline(admin.TabularInline[OpeningPeriod, Site]):
    """When L&D staff are on site: a row per day and stretch, in minutes from midnight (a whole
    day is 0 to 1440)."""

    model = OpeningPeriod
    extra = 0


@admin.register(Site)
class SiteAdmin(EventedAdmin):
    list_display = ["code", "name", "kind", "scheme", "operating_hours", "active"]
    list_filter = ["kind", "scheme", "active"]
    search_fields = ["code", "name"]
    inlines = [ResponseTargetInline, OpeningPeriodInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ["name", "scheme", "children_and_young_people"]
    list_filter = ["scheme", "children_and_young_people"]
    filter_horizontal = ["sites"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "role", "scheme", "site"]
    list_filter = ["role", "scheme"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool) -> None:
        membership_grant(by=request.user, membership=obj)  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        membership_end(by=request.user, membership=obj, reason="ended in the admin")  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for m in queryset:
            membership_end(by=request.user, membership=m, reason="ended in the admin")  # type: ignore[arg-type]
