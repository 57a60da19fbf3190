"""The demo's quality self-assessments: the shipped framework loaded, and for the last quarter
that ended before the build's end most of the 26 schemes submitted (plausible ratings, mostly
met, with evidence and actions), the rest still in draft, and some submissions peer-reviewed
by the next scheme's manager. Through the real actions; deterministic for the seed and end.

Run after the monthly returns, which refresh the analytics store the measured criteria read.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from liaison.accounts.models import User
from liaison.organisations.models import Membership, Role, Scheme
from liaison.reporting.figures import all_rows
from liaison.standards.actions import (
    RatingInput,
    peer_review_record,
    rating_record,
    self_assessment_start,
    self_assessment_submit,
)
from liaison.standards.framework import load
from liaison.standards.models import RatingValue
from liaison.standards.periods import latest_quarter_ended
from liaison.standards.selectors import criteria_of

# Of the schemes: the share that submitted the quarter; of submissions, the share reviewed.
SUBMITTED, REVIEWED = 0.85, 0.35
EVIDENCE = {
    RatingValue.MET: [
        "Audited this quarter: the sample met the criterion.",
        "Agreed with partners at the partnership board; minutes on file.",
        "Operating procedure in place and checked in supervision.",
    ],
    RatingValue.PARTLY: [
        "In place at most sites; the court sites are behind.",
        "Met on weekdays, not yet at weekends.",
    ],
    RatingValue.NOT_MET: ["Not in place yet: staff vacancies since the spring."],
}
ACTIONS = [
    "Recruit to the vacant posts and extend the rota.",
    "Agree a pathway with the local provider and train the team on it.",
    "Audit a sample each month and report to the partnership board.",
]


def _managers() -> dict[int, User]:
    managers: dict[int, User] = {}
    rows = Membership.objects.filter(role=Role.SCHEME_MANAGER, scheme__isnull=False).select_related("user")
    for m in rows.order_by("user__username"):
        assert m.scheme_id is not None
        managers.setdefault(m.scheme_id, m.user)
    return managers


def build_standards(*, seed: int, until: datetime) -> int:
    """Load the framework and record the demo's self-assessments; how many were submitted."""
    framework = load().framework
    period = latest_quarter_ended(until.date())
    end = date.fromisoformat(f"{period.months[-1]}-01") + timedelta(days=31)
    rng = random.Random(f"{seed}:standards")
    computed = all_rows()
    managers = _managers()
    criteria = criteria_of(framework)
    schemes = [s for s in Scheme.objects.order_by("code") if s.pk in managers]
    submitted = []
    for scheme in schemes:
        manager = managers[scheme.pk]
        # Each scheme has its own strength, so schemes differ rather than all looking alike.
        strength = rng.uniform(0.45, 0.85)
        started = min(until, datetime.combine(end, datetime.min.time(), until.tzinfo) + timedelta(hours=9))
        a = self_assessment_start(scheme=scheme, framework=framework, period=period.code, by=manager, at=started)
        finishing = rng.random() < SUBMITTED
        for n, c in enumerate(criteria):
            if c.measured or (not finishing and rng.random() < 0.4):
                continue
            roll = rng.random()
            value = RatingValue.MET if roll < strength else RatingValue.PARTLY if roll < 0.93 else RatingValue.NOT_MET
            action = rng.choice(ACTIONS) if value != RatingValue.MET else ""
            given = RatingInput(
                rating=value,
                evidence=rng.choice(EVIDENCE[value]),
                action=action,
                owner="Service manager" if action else "",
                due=end + timedelta(days=rng.choice([30, 60, 90])) if action else None,
            )
            rating_record(assessment=a, criterion=c, given=given, by=manager, at=started + timedelta(minutes=n))
        if finishing:
            at = min(until, started + timedelta(days=rng.randint(1, 10)))
            self_assessment_submit(assessment=a, by=manager, at=at, computed=computed)
            submitted.append((scheme, a, at))
    for i, (scheme, a, at) in enumerate(submitted):
        if rng.random() >= REVIEWED:
            continue
        peer = schemes[(schemes.index(scheme) + 1) % len(schemes)]
        disagree = rng.choice([c.code for c in criteria if not c.measured])
        lines = {
            code: (code != disagree, "The evidence does not yet show it at every site." if code == disagree else "")
            for code in a.submission.criteria
        }
        peer_review_record(
            assessment=a,
            by=managers[peer.pk],
            comment="A fair assessment overall; one rating looks generous.",
            lines=lines,
            at=min(until, at + timedelta(days=3 + i % 5)),
        )
    return len(submitted)
