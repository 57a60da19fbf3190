"""The directory in the Django admin, for administrators. Referrals and support contacts are not
here: the admin shows no clinical content (ADR 0025), so nothing about a person is read unaudited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin_pieces import ReadOnlyAdmin
from liaison.referrals.models import Service, ServiceEvent


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
