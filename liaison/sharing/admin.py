"""Read-only views for administrators: consent and shares are written by actions (with their
events), never edited here."""

from __future__ import annotations

from django.contrib import admin

from liaison.core.admin_pieces import ReadOnlyAdmin
from liaison.sharing.models import Consent, InformationShare


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("person", "scope", "agency", "purpose", "decision", "given_at", "withdrawn_at")
    list_filter = ("scope", "decision", "agency", "purpose")
    raw_id_fields = ("person", "episode", "event", "withdraw_event")


@admin.register(InformationShare)
class InformationShareAdmin(ReadOnlyAdmin):
    list_display = ("person", "agency", "purpose", "basis", "shared_at", "shared_by")
    list_filter = ("agency", "purpose", "basis", "channel")
    raw_id_fields = ("person", "episode", "event", "consent")
