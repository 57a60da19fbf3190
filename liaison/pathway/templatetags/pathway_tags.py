"""Small pieces the pathway pages share: target times in words, tag colours, the oversight menu."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import DatabaseError

from liaison.accounts.scope import scope_for
from liaison.organisations.models import Role, Scheme

register = template.Library()

_STAGE_COLOURS = {
    "identified": "nhsuk-tag--blue",
    "screened": "nhsuk-tag--aqua-green",
    "assessed": "nhsuk-tag--purple",
    "referred": "nhsuk-tag--green",
    "closed": "nhsuk-tag--grey",
}
_URGENCY_COLOURS = {"immediate": "nhsuk-tag--red", "same_day": "nhsuk-tag--orange", "routine": "nhsuk-tag--grey"}


@register.filter
def target(minutes: int | None) -> str:
    """A target as people say it: '2 h', '1 h 30 min', '45 min'."""
    if minutes is None:
        return "none set"
    hours, mins = divmod(int(minutes), 60)
    if not hours:
        return f"{mins} min"
    return f"{hours} h" if not mins else f"{hours} h {mins} min"


@register.filter
def stage_colour(stage: str) -> str:
    return _STAGE_COLOURS.get(str(stage), "nhsuk-tag--grey")


@register.filter
def urgency_colour(urgency: str) -> str:
    return _URGENCY_COLOURS.get(str(urgency), "nhsuk-tag--grey")


@register.simple_tag
def overseen_schemes(user: Any) -> list[Scheme]:
    """The schemes whose whole caseload the user sees, for the menu (no query beyond the scope's)."""
    schemes: dict[int, Scheme] = {}
    try:
        memberships = scope_for(user).memberships
    except DatabaseError:
        # The error pages use this layout too; a failing database must not fail them twice.
        return []
    for m in memberships:
        if m.role in Role.oversight():
            scheme = m.scheme if m.scheme is not None else m.site.scheme if m.site else None
            if scheme is not None:
                schemes[scheme.pk] = scheme
    return sorted(schemes.values(), key=lambda s: s.name)
