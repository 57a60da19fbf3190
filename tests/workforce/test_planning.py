"""The planning arithmetic, checked against a plan worked by hand."""

from __future__ import annotations

from decimal import Decimal

from liaison.workforce.planning import defaults, keys_for, plan

GROUPS = {"practitioner": "Practitioners", "support_worker": "Support workers", "peer_support": "Peer workers",
          "team_lead": "Team leads", "manager": "Managers"}  # fmt: skip
STEPS = ["identify", "screen", "assess", "refer", "support"]


def _defaults() -> dict[str, Decimal]:
    return {a.key: a.value for a in defaults().assumptions}


def _worked(**values: Decimal):
    return plan(
        groups=GROUPS,
        # Over 12 months: 1,200 identified, 1,000 screened, 400 assessed, 600 referred (and supported).
        steps={"identify": 1200, "screen": 1000, "assess": 400, "refer": 600, "support": 600},
        months=12,
        # One court, 09:00 to 17:00 on weekdays: 40 hours a week.
        open_minutes_per_week=40 * 60,
        values={**_defaults(), **values},
        in_post={"practitioner": Decimal("1.50"), "support_worker": Decimal("1.00")},
    )


def test_the_shipped_defaults_give_every_assumption_a_plan_needs():
    keys = {a.key for a in defaults().assumptions}
    assert set(keys_for(list(GROUPS), STEPS)) == keys
    assert all(a.source for a in defaults().assumptions)


def test_a_plan_worked_by_hand():
    lines = {line.group: line for line in _worked().lines}
    # Each FTE works 1,564 productive hours, 18% of them lost to leave and absence: 1,282.48.
    # Practitioners: 1,200 x 10 + 1,000 x 45 + 400 x 90 + 600 x 40 = 117,000 minutes = 1,950 hours;
    # cover: 1 person x 40 hours x 52.1786 weeks = 2,087.14 hours, the larger; 2,087.14 / 1,282.48.
    practitioners = lines["practitioner"]
    assert practitioners.workload_hours == Decimal("1950.00")
    assert practitioners.cover_hours == Decimal("2087.14")
    assert practitioners.needed_fte == Decimal("1.63")
    assert practitioners.gap == Decimal("-0.13")
    # Support workers: 1,200 x 5 + 600 x 10 + 600 x 90 = 66,000 minutes = 1,100 hours; no cover.
    assert lines["support_worker"].workload_hours == Decimal("1100.00")
    assert lines["support_worker"].needed_fte == Decimal("0.86")
    # Peer workers: 600 x 30 = 18,000 minutes = 300 hours.
    assert lines["peer_support"].needed_fte == Decimal("0.23")
    # Team leads: 400 x 10 minutes = 66.67 hours (0.05 FTE) and one fixed post; managers one post.
    assert lines["team_lead"].needed_fte == Decimal("1.05")
    assert lines["manager"].needed_fte == Decimal("1.00")


def test_changing_an_assumption_changes_the_plan():
    # Six months of demand at the same counts is twice the demand a year.
    shorter = {line.group: line for line in plan(
        groups=GROUPS, steps={"identify": 1200, "screen": 1000, "assess": 400, "refer": 600, "support": 600},
        months=6, open_minutes_per_week=0, values=_defaults(), in_post={},
    ).lines}  # fmt: skip
    assert shorter["practitioner"].workload_hours == Decimal("3900.00")
    # No leave allowance: 1,950 hours over 1,564 is 1.25 FTE (cover ignored with no open hours).
    lines = {line.group: line for line in _worked(
        leave_allowance_percent=Decimal(0), **{"cover.practitioner": Decimal(0)}
    ).lines}  # fmt: skip
    assert lines["practitioner"].needed_fte == Decimal("1.25")


def test_a_scheme_with_no_demand_needs_only_its_fixed_posts_and_cover():
    empty = plan(groups=GROUPS, steps=dict.fromkeys(STEPS, 0), months=12, open_minutes_per_week=0,
                 values=_defaults(), in_post={})  # fmt: skip
    assert empty.needed_fte == Decimal("2.00")
    assert empty.in_post_fte == Decimal(0)
