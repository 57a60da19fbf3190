"""Recording a board's meetings, decisions and actions, and commissioning arrangements: each
write has its event, bad input is refused whole, and only the right people write."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.governance.actions import (
    ActionInput,
    SubcontractorInput,
    action_close,
    action_record,
    arrangement_record,
    decision_record,
    meeting_record,
    member_add,
)
from liaison.governance.models import (
    ActionStatus,
    Arrangement,
    BoardAction,
    BoardDecision,
    BoardMeeting,
    GovernanceEvent,
)
from tests import factories
from tests.governance.conftest import MET, Governance


def _kinds() -> list[str]:
    return list(GovernanceEvent.objects.order_by("id").values_list("kind", flat=True))


def test_setting_up_a_board_and_its_members_writes_their_events(governance: Governance):
    assert _kinds() == ["governance:board:establish"] + ["governance:member:add"] * 3
    event = GovernanceEvent.objects.filter(kind="governance:member:add").first()
    assert event is not None and event.scheme_id == governance.network.scheme_a.pk
    assert event.data["agency"] == "health" and event.actor == governance.manager_a


def test_a_meeting_keeps_who_attended_and_writes_its_event(governance: Governance):
    meeting = governance.meeting()
    assert set(meeting.attendees.all()) == {governance.health, governance.police}
    event = GovernanceEvent.objects.get(kind="governance:meeting:record")
    assert event.subject_id == meeting.pk
    assert event.data["attendee_ids"] == sorted([governance.health.pk, governance.police.pk])


def test_a_meeting_without_attendees_or_minutes_or_in_the_future_is_refused_and_nothing_is_written(
    governance: Governance,
):
    before = (BoardMeeting.objects.count(), GovernanceEvent.objects.count())
    with pytest.raises(Invalid) as refused:
        meeting_record(
            board=governance.board, held_on=date(2999, 1, 1), attendees=[], minutes="  ", by=governance.manager_a
        )
    assert set(refused.value.errors) == {"held_on", "attendees", "minutes"}
    assert (BoardMeeting.objects.count(), GovernanceEvent.objects.count()) == before


def test_a_member_who_joined_after_the_meeting_cannot_have_attended_it(governance: Governance):
    late = member_add(
        board=governance.board,
        name="New Person",
        role_title="Inspector",
        agency="police",
        organisation="Northshire Police",
        joined_on=date(2025, 6, 1),
        by=governance.manager_a,
    )
    with pytest.raises(Invalid) as refused:
        meeting_record(board=governance.board, held_on=MET, attendees=[late], minutes="Met", by=governance.manager_a)
    assert "attendees" in refused.value.errors


def test_a_member_needs_a_known_agency(governance: Governance):
    with pytest.raises(Invalid) as refused:
        member_add(
            board=governance.board,
            name="X",
            role_title="Y",
            agency="patient",
            organisation="Z",
            joined_on=MET,
            by=governance.manager_a,
        )
    assert set(refused.value.errors) == {"agency"}


def test_a_decision_with_its_action_is_written_in_one_transaction_with_both_events(governance: Governance):
    meeting = governance.meeting()
    follow = [ActionInput(action="Audit the weekend cover", owner=governance.police, due_on=date(2025, 3, 31))]
    decision = decision_record(
        meeting=meeting, decision="Extend cover to weekends", actions=follow, by=governance.manager_a
    )
    [action] = decision.actions.all()
    assert action.owner == governance.police and action.status == ActionStatus.OPEN
    assert _kinds()[-2:] == ["governance:decision:record", "governance:action:record"]


def test_a_bad_action_undoes_its_decision_too(governance: Governance):
    meeting = governance.meeting()
    before = (BoardDecision.objects.count(), BoardAction.objects.count(), GovernanceEvent.objects.count())
    early = [ActionInput(action="Do it", owner=governance.police, due_on=date(2024, 1, 1))]
    with pytest.raises(Invalid) as refused:
        decision_record(meeting=meeting, decision="Decided", actions=early, by=governance.manager_a)
    assert "due_on" in refused.value.errors
    assert (BoardDecision.objects.count(), BoardAction.objects.count(), GovernanceEvent.objects.count()) == before


def test_an_action_owner_must_sit_on_the_same_board(governance: Governance):
    from liaison.governance.actions import board_establish

    other = board_establish(
        scheme=governance.network.scheme_b, name="B board", established_on=MET, by=governance.manager_b
    )
    stranger = member_add(
        board=other,
        name="B person",
        role_title="Lead",
        agency="health",
        organisation="B trust",
        joined_on=MET,
        by=governance.manager_b,
    )
    with pytest.raises(Invalid) as refused:
        action_record(
            meeting=governance.meeting(),
            given=ActionInput(action="Go", owner=stranger, due_on=MET),
            by=governance.manager_a,
        )
    assert "owner" in refused.value.errors


def test_an_action_is_completed_or_withdrawn_with_a_reason_and_then_stays_closed(governance: Governance):
    meeting = governance.meeting()
    action = action_record(
        meeting=meeting, given=ActionInput(action="Go", owner=governance.health, due_on=MET), by=governance.manager_a
    )
    with pytest.raises(Invalid) as refused:
        action_close(action=action, status=ActionStatus.WITHDRAWN, note=" ", closed_on=MET, by=governance.manager_a)
    assert refused.value.errors == {"note": "Enter why it is withdrawn"}
    closed = action_close(
        action=action,
        status=ActionStatus.WITHDRAWN,
        note="Overtaken by the new contract",
        closed_on=date(2025, 2, 1),
        by=governance.manager_a,
    )
    assert closed.status == ActionStatus.WITHDRAWN and closed.closed_note == "Overtaken by the new contract"
    assert GovernanceEvent.objects.filter(kind="governance:action:close", subject_id=action.pk).count() == 1
    with pytest.raises(Invalid):
        action_close(action=action, status=ActionStatus.COMPLETED, note="Done", closed_on=MET, by=governance.manager_a)
    assert BoardAction.objects.get(pk=action.pk).status == ActionStatus.WITHDRAWN


def test_another_schemes_manager_cannot_write_to_a_board(governance: Governance):
    with pytest.raises(NotFound):
        governance.meeting(by=governance.manager_b)
    with pytest.raises(NotFound):
        governance.meeting(by=governance.network.practitioner_a)


def test_a_commissioner_reads_a_board_but_does_not_record_its_meetings(governance: Governance):
    with pytest.raises(PermissionDenied):
        governance.meeting(by=governance.network.commissioner)


def _arrange(g: Governance, **overrides):
    fields = dict(
        scheme=g.network.scheme_a,
        commissioner="NHS England Health and Justice",
        lead_provider="Northshire NHS Trust",
        model="voluntary_sector_partner",
        contract_start=date(2019, 4, 1),
        contract_end=date(2022, 3, 31),
        subcontractors=[SubcontractorInput(organisation="Open Door", provides="Support workers")],
        by=g.network.commissioner,
    )
    return arrangement_record(**{**fields, **overrides})


def test_a_commissioner_records_an_arrangement_with_its_subcontractors(governance: Governance):
    a = _arrange(governance)
    assert [s.organisation for s in a.subcontractors.all()] == ["Open Door"]
    event = GovernanceEvent.objects.get(kind="governance:arrangement:record")
    assert event.data["model"] == "voluntary_sector_partner" and event.data["subcontractors"] == ["Open Door"]


def test_contracts_of_one_scheme_cannot_overlap_and_the_model_must_be_known(governance: Governance):
    _arrange(governance)
    with pytest.raises(Invalid) as overlap:
        _arrange(governance, contract_start=date(2021, 4, 1), contract_end=None)
    assert "contract_end" in overlap.value.errors
    with pytest.raises(Invalid) as unknown:
        _arrange(governance, contract_start=date(2022, 4, 1), model="whatever")
    assert "model" in unknown.value.errors
    _arrange(governance, contract_start=date(2022, 4, 1), contract_end=None, model="standalone")
    assert Arrangement.objects.count() == 2


def test_a_scheme_manager_cannot_record_commissioning_and_another_regions_commissioner_cannot_see_it(
    governance: Governance,
):
    with pytest.raises(PermissionDenied):
        _arrange(governance, by=governance.manager_a)
    elsewhere = factories.staff(role="commissioner", scheme=governance.network.scheme_b)
    with pytest.raises(NotFound):
        _arrange(governance, by=elsewhere)
    assert Arrangement.objects.count() == 0
