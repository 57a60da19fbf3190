"""The directory in the Django admin, for administrators; referrals and contacts read-only there,
since every change to them must go through the actions and write its event."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin_pieces import ReadOnlyAdmin
from liaison.referrals.models import Referral, Service, ServiceEvent, SupportContact


class ServiceEventInline(admin.TabularInline[ServiceEvent, Service]):
    model = ServiceEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "occurred_at", "actor", "data"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    """Team leads maintain the directory in the service's own pages, where each change is recorded."""

    list_display = ["name", "service_type", "scheme", "min_age", "max_age", "active"]
    list_filter = ["service_type", "scheme", "active"]
    search_fields = ["name"]
    inlines = [ServiceEventInline]


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ["id", "service", "status", "urgency", "made_at", "support_worker", "follow_up_due"]
    list_filter = ["status", "urgency"]


@admin.register(SupportContact)
class SupportContactAdmin(ReadOnlyAdmin):
    list_display = ["id", "contact_type", "contacted_at", "worker", "duration_minutes"]
    list_filter = ["contact_type"]
