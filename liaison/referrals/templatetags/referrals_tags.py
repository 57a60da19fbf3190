"""The referrals sections other pages include: the episode's referrals and a worker's follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.db import DatabaseError
from django.utils import timezone

from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.pathway.models import Episode
from liaison.pathway.stages import Step, allows
from liaison.referrals import lifecycle, selectors
from liaison.referrals.lifecycle import Transition
from liaison.referrals.models import Referral

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


@dataclass(frozen=True)
class Row:
    referral: Referral
    voided: bool
    overdue: bool
    transitions: list[Transition]


@register.inclusion_tag("referrals/_episode_referrals_section.html")
def episode_referrals(episode: Episode, user: Any) -> dict[str, Any]:
    """Two queries (referrals with their voids prefetched as one more, and contacts)."""
    today = timezone.localdate(clock.now())
    can_support = scope_for(user).can_support_in(episode.scheme_id) and allows(episode.stage, Step.SUPPORT)
    rows = []
    for r in selectors.episode_referrals(episode=episode):
        voided = selectors.is_voided(r)
        steps = lifecycle.transitions_from(r.status) if can_support and not voided else []
        rows.append(Row(r, voided, r.follow_up_overdue(today), steps))
    return {
        "episode": episode,
        "rows": rows,
        "contacts": selectors.episode_contacts(episode=episode, limit=20),
        "can_support": can_support,
    }
