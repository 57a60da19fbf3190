"""The findings area of the episode page: instrument names, who was told, the safety prompt."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from liaison.accounts.scope import scope_for
from liaison.pathway.models import Episode
from liaison.screening.models import Finding
from liaison.screening.selectors import safety_plans, safety_prompt_from
from liaison.screening.timeline import informed_lines

register = template.Library()

# Instrument codes as printed on the forms; the instruments' own registry has the full titles.
_INSTRUMENTS = {
    "bjmhs": "BJMHS",
    "phq9": "PHQ-9",
    "gad7": "GAD-7",
    "audit": "AUDIT",
    "auditc": "AUDIT-C",
    "dast10": "DAST-10",
    "helps": "HELPS",
    "ld-core": "L&D core screen",
}


@register.filter
def instrument_name(code: str) -> str:
    return _INSTRUMENTS.get(str(code), str(code).upper())


@register.filter
def informed(data: Any) -> list[str]:
    return informed_lines(data)


@register.inclusion_tag("screening/_episode_safety.html", takes_context=True)
def episode_safety(
    context: template.Context, episode: Episode, findings: Iterable[Finding], entries: Iterable[Any]
) -> dict[str, Any]:
    """The prompt and the latest plan, from rows the episode page has already fetched (no query)."""
    events = [entry.event for entry in entries]
    plans = safety_plans(events)
    user = context.get("user")
    return {
        "episode": episode,
        # A closed episode shows its history, not a to-do.
        "prompt": episode.is_open and safety_prompt_from(findings, events),
        "latest": plans[0] if plans else None,
        "can_record": bool(user) and scope_for(user).can_record_in(episode.scheme_id) and episode.is_open,
    }
