"""Staff records, training and planning assumptions are written by the scheme's team leads and
managers only, each with its event; bad input is refused whole."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.workforce.actions import assumptions_change, expiry, staff_change, staff_leave, training_record
from liaison.workforce.models import PlanAssumption, StaffRecord, TrainingRecord, WorkforceEvent
from tests.workforce.conftest import added, details


def test_a_manager_adds_a_staff_member_and_the_event_names_no_one(network, manager_a):
    staff = added(network.scheme_a, manager_a)
    event = WorkforceEvent.objects.get(subject="staff", subject_id=staff.pk)
    assert event.kind == "staff:add" and event.actor == manager_a
    assert event.data["role"] == "PR5" and event.data["fte"] == "1.00"
    assert "Treloar" not in str(event.data)


def test_another_schemes_manager_and_a_practitioner_cannot_add_staff(network, manager_b):
    for who in (manager_b, network.practitioner_a):
        with pytest.raises(PermissionDenied):
            added(network.scheme_a, who)
    assert not StaffRecord.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fte": Decimal("1.2")}, "fte"),
        ({"fte": Decimal("0")}, "fte"),
        ({"registration_body": "hcpc"}, "registration_body"),  # nurses register with the NMC
        ({"registration_body": "", "registration_number": ""}, "registration_body"),  # a registered role
        ({"registration_number": ""}, "registration_number"),
        ({"given_name": " "}, "given_name"),
    ],
)
def test_bad_staff_details_are_refused_and_nothing_is_written(network, manager_a, changes, field):
    with pytest.raises(Invalid) as refused:
        added(network.scheme_a, manager_a, **changes)
    assert field in refused.value.errors
    assert not StaffRecord.objects.exists() and not WorkforceEvent.objects.exists()


def test_a_support_worker_needs_no_registration(network, manager_a):
    staff = added(network.scheme_a, manager_a, "SW2", profession="none", registration_body="", registration_number="")
    assert staff.registration_expires is None


def test_a_change_needs_a_reason_and_records_old_and_new(network, manager_a):
    staff = added(network.scheme_a, manager_a)
    with pytest.raises(Invalid, match="Check"):
        staff_change(staff_id=staff.pk, details=details(fte=Decimal("0.6")), reason="", by=manager_a)
    staff_change(staff_id=staff.pk, details=details(fte=Decimal("0.6"), family_name="Pascoe"),
                 reason="Reduced hours after return", by=manager_a)  # fmt: skip
    staff.refresh_from_db()
    assert staff.fte == Decimal("0.60") and staff.family_name == "Pascoe"
    event = WorkforceEvent.objects.get(kind="staff:change")
    assert event.data["changes"]["fte"] == ["1.00", "0.60"]
    assert event.data["changes"]["family_name"] == ["(changed)", "(changed)"]
    assert event.data["reason"] == "Reduced hours after return"


def test_leaving_ends_the_record_and_it_cannot_be_ended_or_changed_again(network, manager_a):
    staff = added(network.scheme_a, manager_a)
    staff_leave(staff_id=staff.pk, ended_on=date(2026, 3, 31), reason="Moved to another trust", by=manager_a)
    staff.refresh_from_db()
    assert staff.ended_on == date(2026, 3, 31) and not staff.in_post
    with pytest.raises(Invalid):
        staff_leave(staff_id=staff.pk, ended_on=date(2026, 4, 30), reason="Again", by=manager_a)
    with pytest.raises(Invalid):
        staff_change(staff_id=staff.pk, details=details(fte=Decimal("0.5")), reason="After leaving", by=manager_a)
    assert StaffRecord.objects.filter(pk=staff.pk).exists()


def test_another_schemes_manager_cannot_find_the_record_to_end_it(network, manager_a, manager_b):
    staff = added(network.scheme_a, manager_a)
    with pytest.raises(NotFound):
        staff_leave(staff_id=staff.pk, ended_on=date(2026, 3, 31), reason="x", by=manager_b)


def test_training_expires_after_the_competencys_renewal_period_unless_given(network, manager_a):
    staff = added(network.scheme_a, manager_a)
    framework = staff.role.framework
    yearly = framework.competencies.get(code="BLS")
    once = framework.competencies.get(code="SCR")
    record = training_record(staff=staff, competency=yearly, completed_on=date(2024, 2, 29), evidence="Certificate",
                             by=manager_a)  # fmt: skip
    assert record.expires_on == date(2025, 2, 28)
    assert training_record(staff=staff, competency=once, completed_on=date(2024, 5, 1), evidence="Observed",
                           by=manager_a).expires_on is None  # fmt: skip
    assert WorkforceEvent.objects.filter(kind="training:record").count() == 2


def test_training_in_the_future_or_without_evidence_is_refused(network, manager_a):
    staff = added(network.scheme_a, manager_a)
    bls = staff.role.framework.competencies.get(code="BLS")
    with pytest.raises(Invalid) as refused:
        training_record(staff=staff, competency=bls, completed_on=clock.today() + timedelta(days=1), evidence=" ",
                        by=manager_a)  # fmt: skip
    assert set(refused.value.errors) == {"completed_on", "evidence"}
    assert not TrainingRecord.objects.exists()


def test_expiry_keeps_the_day_or_takes_the_months_last():
    assert expiry(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert expiry(date(2025, 6, 15), 36) == date(2028, 6, 15)
    assert expiry(date(2025, 6, 15), None) is None


def test_assumptions_change_with_a_reason_in_one_event_and_only_what_changed(network, manager_a):
    changes = assumptions_change(
        scheme=network.scheme_a,
        values={"minutes.practitioner.screen": Decimal("60"), "demand_months": Decimal("12")},
        reason="Our screening includes the AUDIT and DAST-10",
        by=manager_a,
    )
    assert changes == {"minutes.practitioner.screen": ["45.00", "60.00"]}
    row = PlanAssumption.objects.get()
    assert row.value == Decimal("60") and row.changed_by == manager_a
    assert WorkforceEvent.objects.get(kind="plan:assumptions:change").data["changes"] == changes


def test_assumptions_out_of_range_or_without_reason_are_refused(network, manager_a, manager_b):
    with pytest.raises(Invalid) as refused:
        values = {"leave_allowance_percent": Decimal("95"), "demand_months": Decimal("2.5"), "nonsense": Decimal(1)}
        assumptions_change(scheme=network.scheme_a, values=values, reason="", by=manager_a)
    assert set(refused.value.errors) == {"leave_allowance_percent", "demand_months", "nonsense", "reason"}
    with pytest.raises(PermissionDenied):
        assumptions_change(scheme=network.scheme_a, values={"demand_months": Decimal(6)}, reason="x", by=manager_b)
    assert not PlanAssumption.objects.exists()


def test_training_entered_in_error_is_withdrawn_with_a_reason_and_no_longer_counts(network, manager_a, manager_b):
    from liaison.workforce.actions import training_withdraw
    from liaison.workforce.selectors import training_needs

    staff = added(network.scheme_a, manager_a)
    bls = staff.role.competencies.get(code="BLS")
    record = training_record(staff=staff, competency=bls, completed_on=clock.today(), evidence="Certificate",
                             by=manager_a)  # fmt: skip
    assert "Basic life support" not in {n.what for n in training_needs(user=manager_a, scheme=network.scheme_a)}
    with pytest.raises(NotFound):
        training_withdraw(training_id=record.pk, reason="Wrong person", by=manager_b)
    with pytest.raises(Invalid):
        training_withdraw(training_id=record.pk, reason=" ", by=manager_a)
    training_withdraw(training_id=record.pk, reason="Recorded against the wrong person", by=manager_a)
    record.refresh_from_db()
    assert record.withdrawn_reason == "Recorded against the wrong person"
    assert "Basic life support" in {n.what for n in training_needs(user=manager_a, scheme=network.scheme_a)}
    assert WorkforceEvent.objects.filter(kind="training:withdraw", subject_id=record.pk).exists()
    with pytest.raises(Invalid):
        training_withdraw(training_id=record.pk, reason="Again", by=manager_a)
