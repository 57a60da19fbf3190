"""The demo's monthly returns: most schemes submitted most months, some late, a few missing and
one or two resubmitted, so the commissioner's return status has something to say.

Submitted through the real action (`reporting.actions.return_submit`) over the analytics store,
refreshed once first; deterministic for the seed and the build's end date.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from liaison.accounts.models import User
from liaison.organisations.models import Membership, Role, Scheme
from liaison.reporting.actions import return_submit
from liaison.reporting.figures import all_rows
from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.returns import due_at, has_ended
from liaison.reporting.store import month_bounds

# Chances for a past month's return: on time, late, resubmitted later (of those submitted).
ON_TIME, LATE, RESUBMITTED = 0.84, 0.09, 0.03


def submit_returns(*, seed: int, until: datetime) -> int:
    """Submit the demo's past months' returns; the number of versions submitted."""
    refresh_in_turn()
    computed = all_rows()
    months = sorted(m for m in computed.months() if has_ended(m, until))
    rng = random.Random(f"{seed}:returns")
    leads = scheme_leads()
    submitted = 0
    for scheme in Scheme.objects.order_by("code"):
        lead = leads.get(scheme.pk)
        if lead is None:
            continue
        for month in months:
            due = due_at(month)
            roll = rng.random()
            if roll < ON_TIME:
                at = due - timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 8))
            elif roll < ON_TIME + LATE:
                at = due + timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 8))
            else:
                continue  # not submitted (yet)
            at = max(at, month_bounds(month)[1] + timedelta(hours=9))
            if at > until:
                continue
            return_submit(scheme=scheme, month=month, by=lead, expected_version=0, at=at, refreshed=True)
            submitted += 1
            if rng.random() < RESUBMITTED and at + timedelta(days=10) <= until:
                return_submit(
                    scheme=scheme,
                    month=month,
                    by=lead,
                    expected_version=1,
                    at=at + timedelta(days=10),
                    reason="Records of late-closed episodes were added after the first submission.",
                    refreshed=True,
                )
                submitted += 1
    return submitted


def scheme_leads() -> dict[int, User]:
    """A team lead (or else a scheme manager) per scheme, the first by username."""
    leads: dict[int, User] = {}
    memberships = Membership.objects.filter(role__in=[Role.TEAM_LEAD, Role.SCHEME_MANAGER], scheme__isnull=False)
    for m in memberships.select_related("user").order_by("role", "user__username"):
        assert m.scheme_id is not None
        leads.setdefault(m.scheme_id, m.user)
    return leads
