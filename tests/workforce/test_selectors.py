"""What the workforce selectors read: training needs, demand from the records, each scheme's
plan, and whom they show it to."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from liaison.core import clock
from liaison.core.errors import NotFound, PermissionDenied
from liaison.organisations import hours
from liaison.organisations.models import OpeningPeriod
from liaison.workforce import selectors
from liaison.workforce.actions import assumptions_change, staff_leave, training_record
from liaison.workforce.demand import scheme_demand
from tests import factories
from tests.workforce.conftest import added


def test_training_needs_show_what_is_missing_expired_and_expiring(network, manager_a):
    today = clock.today()
    staff = added(network.scheme_a, manager_a, registration_expires=today + timedelta(days=20))
    competencies = {c.code: c for c in staff.role.competencies.all()}
    training_record(staff=staff, competency=competencies["BLS"], completed_on=today - timedelta(days=400),
                    evidence="Certificate", by=manager_a)  # fmt: skip
    training_record(staff=staff, competency=competencies["IG"], completed_on=today - timedelta(days=300),
                    evidence="E-learning", by=manager_a)  # fmt: skip
    training_record(staff=staff, competency=competencies["SCR"], completed_on=today - timedelta(days=10),
                    evidence="Observed practice", by=manager_a)  # fmt: skip
    needs = {n.what: n.status for n in selectors.training_needs(user=manager_a, scheme=network.scheme_a)}
    assert needs["Basic life support"] == "expired"
    assert needs["Information governance and data security"] == "expiring"
    assert needs["Registration with Nursing and Midwifery Council"] == "expiring"
    assert "Screening with validated brief tools" not in needs
    assert needs["Trauma-informed assessment and formulation of need (no risk scores)"] == "missing"
    # Every required competency but the one done, and the registration; nothing else; expired first.
    assert len(needs) == staff.role.competencies.count() - 1 + 1
    assert selectors.training_needs(user=manager_a, scheme=network.scheme_a)[0].status == "expired"


def test_the_latest_training_counts_so_renewed_training_is_no_longer_a_need(network, manager_a):
    today = clock.today()
    staff = added(network.scheme_a, manager_a)
    bls = staff.role.competencies.get(code="BLS")
    training_record(staff=staff, competency=bls, completed_on=today - timedelta(days=400), evidence="Old",
                    by=manager_a)  # fmt: skip
    training_record(staff=staff, competency=bls, completed_on=today, evidence="New", by=manager_a)
    needs = {n.what for n in selectors.training_needs(user=manager_a, scheme=network.scheme_a)}
    assert "Basic life support" not in needs


def test_staff_who_left_are_not_in_post_or_in_the_needs(network, manager_a):
    staff = added(network.scheme_a, manager_a)
    staff_leave(staff_id=staff.pk, ended_on=clock.today() - timedelta(days=1), reason="Retired", by=manager_a)
    assert not selectors.staff_of(user=manager_a, scheme=network.scheme_a).exists()
    assert list(selectors.staff_of(user=manager_a, scheme=network.scheme_a, left=True)) == [staff]
    assert selectors.training_needs(user=manager_a, scheme=network.scheme_a) == []


def test_staff_and_their_needs_are_for_the_schemes_leads_and_managers_only(network, manager_a, manager_b):
    staff = added(network.scheme_a, manager_a)
    assert selectors.staff_get(user=network.team_lead_a, staff_id=staff.pk) == staff
    for who in (manager_b, network.commissioner, network.practitioner_a, network.analyst):
        with pytest.raises(NotFound):
            selectors.staff_get(user=who, staff_id=staff.pk)
        with pytest.raises(NotFound):
            selectors.training_needs(user=who, scheme=network.scheme_a)


def test_commissioners_see_the_scheme_but_may_not_keep_its_records(network, manager_b):
    assert selectors.scheme_get(user=network.commissioner, code="A") == network.scheme_a
    with pytest.raises(PermissionDenied):
        selectors.managed_scheme_get(user=network.commissioner, code="A")
    for who in (manager_b, network.practitioner_a):
        with pytest.raises(NotFound):
            selectors.scheme_get(user=who, code="A")


def test_demand_is_read_from_the_records_by_point_of_contact_month_and_hour(network):
    month = factories.episodes_last_month(by=network.practitioner_a, site=network.custody_a, count=3)
    # This month's episodes are not in a whole month yet.
    factories.episode(by=network.practitioner_a, site=network.custody_a)
    shown = scheme_demand(network.scheme_a.pk, months=12, today=clock.today())
    assert shown.total == 3
    assert shown.by_contact == {"custody": 3}
    assert shown.month_rows() == [(month, 3)]
    assert [shown.by_hour[h] for h in (12, 13, 14)] == [1, 1, 1]
    assert scheme_demand(network.scheme_b.pk, months=12, today=clock.today()).total == 0


def test_a_schemes_plan_uses_its_sites_hours_its_staff_and_its_own_assumptions(network, manager_a):
    for day in range(5):
        OpeningPeriod.objects.create(site=network.court_a, weekday=day, opens=9 * 60, closes=17 * 60)
    added(network.scheme_a, manager_a, fte=Decimal("0.8"))
    lines = {line.group: line for line in selectors.plans_for([network.scheme_a])[network.scheme_a.pk].lines}
    assert lines["practitioner"].cover_hours == Decimal("2087.14")
    assert lines["practitioner"].in_post_fte == Decimal("0.80")
    assumptions_change(scheme=network.scheme_a, values={"cover.practitioner": Decimal(2)}, reason="Two at court",
                       by=manager_a)  # fmt: skip
    lines = {line.group: line for line in selectors.plans_for([network.scheme_a])[network.scheme_a.pk].lines}
    assert lines["practitioner"].cover_hours == Decimal("4174.29")
    shown = {a.key: a for a in selectors.assumptions(network.scheme_a)}
    assert shown["cover.practitioner"].changed and shown["cover.practitioner"].own.reason == "Two at court"
    assert not shown["cover.support_worker"].changed


def test_the_programme_shows_every_scheme_the_user_sees_reports_of(network, manager_a):
    assert [s for s, _ in selectors.programme(user=network.commissioner)] == [network.scheme_a]
    with pytest.raises(NotFound):
        selectors.programme(user=network.practitioner_a)


def test_a_sites_week_counts_overlapping_periods_once():
    periods = [hours.Period(0, 0, 600), hours.Period(0, 300, 900), hours.Period(1, 0, 1440)]
    assert hours.weekly_minutes(periods) == 900 + 1440
