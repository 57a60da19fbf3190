"""Builders for the directory and referrals, over the real actions, for tests anywhere."""

from __future__ import annotations

import itertools
from typing import Any

from liaison.accounts.models import User
from liaison.organisations.models import Role, Scheme
from liaison.pathway.models import Episode
from liaison.referrals.actions import referral_make
from liaison.referrals.directory.actions import ServiceDetails, service_create
from liaison.referrals.models import Referral, Service
from liaison.screening.actions import FindingInput, screening_record
from tests import factories

_n = itertools.count(1)


def service(*, scheme: Scheme, by: User | None = None, **details: Any) -> Service:
    """A directory service, added by the scheme's team lead (one is made when not given)."""
    lead = by or factories.staff(role=Role.TEAM_LEAD, scheme=scheme)
    fields: dict[str, Any] = {
        "name": f"Community mental health team {next(_n)}",
        "service_type": "community_mental_health",
    }
    fields.update(details)
    return service_create(by=lead, scheme=scheme, details=ServiceDetails(**fields))


def screened(episode: Episode, by: User) -> Episode:
    screening_record(
        by=by,
        episode=episode,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="routine",
        needs_assessment=False,
    )
    return episode


def referral(*, episode: Episode, by: User, to: Service | None = None, **kwargs: Any) -> Referral:
    """A referral from a screened episode (screened here first when still at identification)."""
    if episode.stage == "identified":
        screened(episode, by)
    return referral_make(by=by, episode=episode, service=to or service(scheme=episode.scheme), **kwargs)
