from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from liaison.accounts.actions import sign_in_unlock
from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.models import ApiToken, SignInAudit, User
from liaison.accounts.second_factor import second_factor_reset
from liaison.organisations.models import Membership


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0


@admin.register(User)
class StaffAdmin(UserAdmin[User]):
    inlines = [MembershipInline]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Job", {"fields": ("job_title",)}))
    actions = ["unlock_sign_in", "reset_second_factor"]

    @admin.action(description="Unlock sign-in for the selected staff")
    def unlock_sign_in(self, request: AuthenticatedHttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            sign_in_unlock(username=user.username, by=request.user, channel="web")
        self.message_user(request, f"Unlocked sign-in for {queryset.count()} staff.", messages.SUCCESS)

    @admin.action(description="Reset the second factor of the selected staff (lost phone)")
    def reset_second_factor(self, request: AuthenticatedHttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            second_factor_reset(user=user, by=request.user, channel="web")
        self.message_user(
            request, f"Reset the second factor of {queryset.count()} staff: they set up a new one at sign-in."
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["prefix", "user", "name", "scope", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]


@admin.register(SignInAudit)
class SignInAuditAdmin(admin.ModelAdmin[SignInAudit]):
    """Read only: the record of who came to the door is never edited."""

    list_display = ["at", "event", "username", "address", "by", "channel"]
    list_filter = ["event", "channel"]
    search_fields = ["username", "address"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SignInAudit | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SignInAudit | None = None) -> bool:
        return False
