"""Screening's sections of the episode page: findings (with the safety prompt and plan) and the
instruments completed. The episode page's view calls these (pathway.registry.Section), so the
queries are the view's, counted by its tests, and none is issued while the page renders."""

from __future__ import annotations

from typing import Any

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.pathway.models import Episode
from liaison.pathway.stages import Step, allows
from liaison.screening import selectors
from liaison.screening.instruments.selectors import episode_responses


def findings(user: User, episode: Episode) -> dict[str, Any]:
    """Findings, and the safety prompt and latest plan from the episode's safety events (two
    queries, plus one for their voids; the timeline is paged, so they are fetched on their own)."""
    found = list(selectors.episode_findings(episode=episode))
    events = selectors.safety_events(episode=episode)
    plans = selectors.safety_plans(events)
    return {
        "findings": found,
        # A closed episode shows its history, not a to-do.
        "prompt": episode.is_open and selectors.safety_prompt_from(found, events),
        "latest": plans[0] if plans else None,
        "can_record": scope_for(user).can_record_in(episode.scheme_id) and episode.is_open,
    }


def instruments(user: User, episode: Episode) -> dict[str, Any]:
    """Completed instruments with total and band, and whether one may be started (one query).

    The safety prompt an instrument raises shows in the findings section, which reads the
    instrument event's `safety_prompt`."""
    return {
        "responses": episode_responses(episode=episode),
        "can_start": scope_for(user).can_record_in(episode.scheme_id) and allows(episode.stage, Step.SCREEN),
    }
