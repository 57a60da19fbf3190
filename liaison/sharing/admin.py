"""Read-only views for administrators: consent and shares are written by actions (with their
events), never edited here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.sharing.models import Consent, InformationShare


class _ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(_ReadOnly):
    list_display = ("person", "scope", "agency", "purpose", "decision", "given_at", "withdrawn_at")
    list_filter = ("scope", "decision", "agency", "purpose")
    raw_id_fields = ("person", "episode", "event", "withdraw_event")


@admin.register(InformationShare)
class InformationShareAdmin(_ReadOnly):
    list_display = ("person", "agency", "purpose", "basis", "shared_at", "shared_by")
    list_filter = ("agency", "purpose", "basis", "channel")
    raw_id_fields = ("person", "episode", "event", "consent")
