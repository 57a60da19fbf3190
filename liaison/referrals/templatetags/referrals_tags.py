"""Filters for the referrals templates: who has a caseload, status colours, directory changes."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import DatabaseError

from liaison.accounts.scope import scope_for

register = template.Library()

_STATUS_COLOURS = {
    "made": "nhsuk-tag--blue",
    "acknowledged": "nhsuk-tag--blue",
    "accepted": "nhsuk-tag--aqua-green",
    "declined": "nhsuk-tag--red",
    "booked": "nhsuk-tag--purple",
    "attended": "nhsuk-tag--green",
    "did_not_attend": "nhsuk-tag--orange",
    "engaged": "nhsuk-tag--green",
    "disengaged": "nhsuk-tag--yellow",
    "closed": "nhsuk-tag--grey",
}


@register.filter
def works_with_people(user: Any) -> bool:
    """Staff with a scheme's caseload: the directory and caseload are theirs (no query beyond the scope)."""
    try:
        return scope_for(user).is_clinical
    except DatabaseError:
        # The error pages use the layout too; a failing database must not fail them twice.
        return False


@register.filter
def referral_colour(status: str) -> str:
    return _STATUS_COLOURS.get(str(status), "nhsuk-tag--grey")


_FIELD_WORDS = {
    "name": "name",
    "service_type": "type",
    "phone": "phone",
    "email": "email",
    "address": "address",
    "min_age": "youngest age",
    "max_age": "oldest age",
    "how_to_refer": "how to refer",
    "active": "in use",
}


@register.filter
def changed_fields(changes: Any) -> str:
    """The fields a directory change touched, in words."""
    if not isinstance(changes, dict):
        return ""
    return ", ".join(_FIELD_WORDS.get(str(k), str(k)) for k in changes)
