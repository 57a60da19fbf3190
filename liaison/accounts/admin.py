from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from liaison.accounts.models import ApiToken, User
from liaison.organisations.models import Membership


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0


@admin.register(User)
class StaffAdmin(UserAdmin[User]):
    inlines = [MembershipInline]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Job", {"fields": ("job_title",)}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]
