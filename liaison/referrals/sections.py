"""The referrals section of the episode page, fetched by its view (pathway.registry.Section)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.pathway.models import Episode
from liaison.pathway.stages import Step, allows
from liaison.referrals import lifecycle, selectors
from liaison.referrals.lifecycle import Transition
from liaison.referrals.models import Referral


@dataclass(frozen=True)
class Row:
    referral: Referral
    voided: bool
    overdue: bool
    transitions: list[Transition]


def referrals(user: User, episode: Episode) -> dict[str, Any]:
    """Three queries: referrals, their voids (prefetched) and the latest contacts."""
    today = timezone.localdate(clock.now())
    can_support = scope_for(user).can_support_in(episode.scheme_id) and allows(episode.stage, Step.SUPPORT)
    rows = []
    for r in selectors.episode_referrals(episode=episode):
        voided = selectors.is_voided(r)
        steps = lifecycle.transitions_from(r.status) if can_support and not voided else []
        rows.append(Row(r, voided, r.follow_up_overdue(today), steps))
    return {
        "rows": rows,
        "contacts": list(selectors.episode_contacts(episode=episode, limit=20)),
        "can_support": can_support,
    }
