"""The reporting links in the header, for users with a reporting role (no query beyond the scope's)."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import DatabaseError

from liaison.accounts.scope import scope_for
from liaison.organisations.models import Role
from liaison.reporting.selectors import REPORTING_ROLES

register = template.Library()


@register.filter
def sees_reports(user: Any) -> bool:
    """What `reporting_scope(user).sees_anything` says, from the memberships the request has
    already read (the reporting scope would also look up the schemes' regions)."""
    try:
        return bool(scope_for(user).roles & REPORTING_ROLES)
    except DatabaseError:
        # The error pages use the layout too; a failing database must not fail them twice.
        return False


@register.filter
def takes_extract(user: Any) -> bool:
    """National analysts take the record-level extract (selectors.ReportingScope.analyst)."""
    try:
        return Role.NATIONAL_ANALYST in scope_for(user).roles
    except DatabaseError:
        return False
