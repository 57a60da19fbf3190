"""The network's admin. Every save and delete goes through `organisations.actions`, so each
change to a scheme, site, response target or membership is written with its event."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from liaison.organisations.actions import membership_end, membership_grant, network_save, values_of
from liaison.organisations.models import Membership, Region, ResponseTarget, Scheme, Site, Team


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
        instances = formset.save(commit=False)
        for obj in instances:
            network_save(by=request.user, instance=obj, before=_before(obj))  # type: ignore[arg-type]
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["code", "name"]


class SiteInline(admin.TabularInline[Site, Scheme]):
    model = Site
    extra = 0
    fields = ["code", "name", "kind", "operating_hours", "active"]
    # A site with history is closed (active off), not deleted.
    can_delete = False


@admin.register(Scheme)
class SchemeAdmin(EventedAdmin):
    list_display = ["code", "name", "provider", "wave", "go_live", "region"]
    list_filter = ["wave", "region"]
    search_fields = ["code", "name", "provider", "police_force_areas"]
    inlines = [SiteInline]


class ResponseTargetInline(admin.TabularInline[ResponseTarget, Site]):
    model = ResponseTarget
    extra = 0


@admin.register(Site)
class SiteAdmin(EventedAdmin):
    list_display = ["code", "name", "kind", "scheme", "operating_hours", "active"]
    list_filter = ["kind", "scheme", "active"]
    search_fields = ["code", "name"]
    inlines = [ResponseTargetInline]


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
