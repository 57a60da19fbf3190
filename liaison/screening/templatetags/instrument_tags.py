"""`{% episode_instruments %}`: the episode page's section on screening instruments."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.accounts.scope import scope_for
from liaison.pathway.stages import Step, allows
from liaison.screening.instruments.selectors import episode_responses

register = template.Library()


@register.inclusion_tag("screening/instruments/_episode_section.html", takes_context=True)
def episode_instruments(context: template.Context) -> dict[str, Any]:
    """Completed instruments with total and band, and links to start one (one query).

    The safety prompt an instrument raises shows in the episode's findings section
    (screening/_episode_safety.html), which reads the instrument event's `safety_prompt`."""
    episode = context["episode"]
    user = context["request"].user
    return {
        "episode": episode,
        "responses": episode_responses(episode=episode),
        "can_start": scope_for(user).can_record_in(episode.scheme_id) and allows(episode.stage, Step.SCREEN),
    }
