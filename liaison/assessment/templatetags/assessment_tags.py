"""The assessment section of the episode page: every version, in one query."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.assessment.selectors import episode_assessments, versions
from liaison.pathway.models import Episode

register = template.Library()


@register.inclusion_tag("assessment/_episode_assessment.html", takes_context=True)
def episode_assessment(context: template.Context, episode: Episode) -> dict[str, Any]:
    user = context.get("user")
    return {"episode": episode, "versions": versions(episode_assessments(episode=episode)), "user": user}
