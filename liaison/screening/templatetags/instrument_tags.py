"""`{% episode_instruments %}`: the episode page's section on screening instruments."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.accounts.scope import scope_for
from liaison.pathway.stages import Step, allows
from liaison.screening.instruments.selectors import episode_responses, safety_prompt
from liaison.screening.instruments.views import safety_plan_url

register = template.Library()


@register.inclusion_tag("screening/instruments/_episode_section.html", takes_context=True)
def episode_instruments(context: template.Context) -> dict[str, Any]:
    """Completed instruments with total and band, the safety prompt if one stands, links to start one.

    Two queries at most (responses, and a safety plan only when a prompt was raised)."""
    episode = context["episode"]
    user = context["request"].user
    responses = episode_responses(episode=episode)
    return {
        "episode": episode,
        "responses": responses,
        "prompt": safety_prompt(responses=responses),
        "can_start": scope_for(user).can_record_in(episode.scheme_id) and allows(episode.stage, Step.SCREEN),
        "safety_plan_url": safety_plan_url(episode),
    }
