"""The assessment section of the episode page, fetched by its view (pathway.registry.Section)."""

from __future__ import annotations

from typing import Any

from liaison.accounts.models import User
from liaison.assessment.selectors import episode_assessments, versions
from liaison.pathway.models import Episode


def assessment(user: User, episode: Episode) -> dict[str, Any]:
    """Every version of the assessment, in one query."""
    return {"versions": versions(episode_assessments(episode=episode))}
