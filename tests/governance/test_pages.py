"""The governance pages: a scheme's board for its managers (with the forms to record a meeting
and a decision with its action), the programme's pages, and the guidance library."""

from __future__ import annotations

from datetime import date

from liaison.governance.actions import ActionInput, action_record, arrangement_record
from liaison.governance.guidance import load
from liaison.governance.models import (
    ActionStatus,
    Arrangement,
    BoardAction,
    BoardDecision,
    BoardMeeting,
    GovernanceEvent,
)
from liaison.standards.framework import load as load_framework


def _date(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def test_a_scheme_manager_sees_the_board_its_members_meetings_actions_and_commissioning(client, governance):
    n = governance.network
    meeting = governance.meeting()
    action_record(
        meeting=meeting,
        given=ActionInput(action="Audit weekend cover", owner=governance.police, due_on=date(2025, 3, 1)),
        by=governance.manager_a,
    )
    arrangement_record(
        scheme=n.scheme_a,
        commissioner="NHS England North West",
        lead_provider="Northshire NHS Trust",
        model="standalone",
        contract_start=date(2020, 4, 1),
        contract_end=None,
        by=n.commissioner,
    )
    client.force_login(governance.manager_a)
    body = client.get("/governance/schemes/A/").content.decode()
    for text in (
        "Scheme A partnership board",
        "Priya Shah",
        "Voluntary sector",
        "Reviewed the figures.",
        "Audit weekend cover",
        "Overdue",
        "Standalone L&amp;D",
        "NHS England North West",
        "Record a meeting",
    ):
        assert text in body, text


def test_a_commissioner_reads_the_board_without_the_forms(client, governance):
    client.force_login(governance.network.commissioner)
    body = client.get("/governance/schemes/A/").content.decode()
    assert "Priya Shah" in body and "Record a meeting" not in body
    assert client.get("/governance/schemes/A/meetings/new/").status_code == 404


def test_another_schemes_manager_gets_not_found(client, governance):
    client.force_login(governance.manager_b)
    assert client.get("/governance/schemes/A/").status_code == 404
    assert client.post("/governance/schemes/A/meetings/new/", {}).status_code == 404


def test_recording_a_meeting_through_the_form(client, governance):
    client.force_login(governance.manager_a)
    data = {
        **_date("held_on", date(2025, 2, 3)),
        "attendees": [governance.health.pk, governance.voluntary.pk],
        "minutes": "Agreed the peer worker pilot.",
    }
    response = client.post("/governance/schemes/A/meetings/new/", data)
    assert response.status_code == 302
    meeting = BoardMeeting.objects.get()
    assert set(meeting.attendees.all()) == {governance.health, governance.voluntary}


def test_a_meeting_form_with_errors_says_what_is_wrong_and_writes_nothing(client, governance):
    client.force_login(governance.manager_a)
    response = client.post(
        "/governance/schemes/A/meetings/new/", {**_date("held_on", date(2999, 1, 1)), "attendees": ["999999"]}
    )
    body = response.content.decode()
    assert response.status_code == 422 and "There is a problem" in body
    assert "Choose from the list" in body and "Enter a summary of the minutes" in body
    assert BoardMeeting.objects.count() == 0


def test_recording_a_decision_and_its_action_then_completing_it(client, governance):
    meeting = governance.meeting()
    client.force_login(governance.manager_a)
    data = {
        "meeting": meeting.pk,
        "decision": "Pilot peer workers at court",
        "action": "Draft the role profile",
        "owner": governance.voluntary.pk,
        **_date("due_on", date(2025, 4, 30)),
    }
    assert client.post("/governance/schemes/A/decisions/new/", data).status_code == 302
    action = BoardAction.objects.get()
    assert action.decision == BoardDecision.objects.get() and action.owner == governance.voluntary
    close = {"status": "completed", "note": "Role profile agreed", **_date("closed_on", date(2025, 4, 2))}
    assert client.post(f"/governance/actions/{action.pk}/close/", close).status_code == 302
    assert BoardAction.objects.get().status == ActionStatus.COMPLETED


def test_an_action_without_its_owner_is_refused_on_the_form(client, governance):
    meeting = governance.meeting()
    client.force_login(governance.manager_a)
    data = {"meeting": meeting.pk, "decision": "Decided", "action": "Do it"}
    response = client.post("/governance/schemes/A/decisions/new/", data)
    body = response.content.decode()
    assert (
        response.status_code == 422 and "Choose who owns the action" in body and "Enter when the action is due" in body
    )
    assert BoardDecision.objects.count() == 0


def test_the_programme_pages_are_for_commissioners_and_analysts(client, governance):
    n = governance.network
    for user in (n.commissioner, n.analyst):
        client.force_login(user)
        assert client.get("/governance/").status_code == 200
        body = client.get("/governance/commissioning/").content.decode()
        assert "Models of commissioning and provision" in body and "Integrated custody healthcare" in body
    client.force_login(governance.manager_a)
    assert client.get("/governance/commissioning/").status_code == 404
    assert "Compare models" not in client.get("/governance/").content.decode()
    client.force_login(n.practitioner_a)
    assert client.get("/governance/").status_code == 404


def test_a_bad_period_on_the_comparison_is_a_form_error(client, governance):
    client.force_login(governance.network.commissioner)
    response = client.get("/governance/commissioning/", {"period": "2025-Q9"})
    assert response.status_code == 422 and "Give the period as a quarter" in response.content.decode()


def test_the_guidance_library_lists_current_versions_and_keeps_the_old(client, governance):
    load_framework()
    load()
    client.force_login(governance.network.practitioner_a)
    library = client.get("/governance/guidance/").content.decode()
    assert library.count("Running a local partnership board") == 1
    page = client.get("/governance/guidance/partnership-boards/").content.decode()
    assert "Version 2" in page and "INT.1.2" in page and "(current)" in page
    assert client.get("/governance/guidance/no-such-thing/").status_code == 404


def test_the_navigation_links_governance_only_for_roles_that_open_it(client, governance):
    client.force_login(governance.manager_a)
    assert 'href="/governance/"' in client.get("/governance/").content.decode()
    client.force_login(governance.network.practitioner_a)
    assert 'href="/governance/"' not in client.get("/governance/guidance/").content.decode()


def test_a_commissioner_records_a_commissioning_arrangement_with_its_subcontractors(client, governance):
    client.force_login(governance.network.commissioner)
    assert "Record a commissioning arrangement" in client.get("/governance/schemes/A/").content.decode()
    data = {
        "commissioner": "NHS England North West",
        "lead_provider": "Northshire NHS Trust",
        "model": "standalone",
        **_date("contract_start", date(2024, 4, 1)),
        "subcontractors": "Together for Mental Wellbeing: support workers\n\nPeer Voices: peer mentors",
    }
    response = client.post("/governance/schemes/A/commissioning/new/", data)

    assert response.status_code == 302
    arrangement = Arrangement.objects.get()
    assert (arrangement.lead_provider, arrangement.contract_end, arrangement.recorded_by) == (
        "Northshire NHS Trust",
        None,
        governance.network.commissioner,
    )
    assert [(s.organisation, s.provides) for s in arrangement.subcontractors.order_by("organisation")] == [
        ("Peer Voices", "peer mentors"),
        ("Together for Mental Wellbeing", "support workers"),
    ]
    assert GovernanceEvent.objects.filter(kind="governance:arrangement:record").count() == 1


def test_an_overlapping_or_garbled_arrangement_is_refused_on_the_form_and_nothing_is_written(client, governance):
    n = governance.network
    arrangement_record(scheme=n.scheme_a, commissioner="NHS England", lead_provider="Trust", model="standalone",
                       contract_start=date(2020, 4, 1), contract_end=None, by=n.commissioner)  # fmt: skip
    client.force_login(n.commissioner)
    data = {
        "commissioner": "NHS England",
        "lead_provider": "Trust",
        "model": "standalone",
        **_date("contract_start", date(2024, 4, 1)),
    }
    overlapping = client.post("/governance/schemes/A/commissioning/new/", data)
    garbled = client.post("/governance/schemes/A/commissioning/new/", data | {"subcontractors": "no colon here"})
    unknown_model = client.post("/governance/schemes/A/commissioning/new/", data | {"model": "made_up"})

    assert overlapping.status_code == 422
    assert "overlaps another of the scheme" in overlapping.content.decode()
    assert "Line 1: give the organisation, a colon" in garbled.content.decode()
    assert unknown_model.status_code == 422
    assert Arrangement.objects.count() == 1


def test_only_commissioners_record_commissioning(client, governance):
    client.force_login(governance.manager_a)
    assert "Record a commissioning arrangement" not in client.get("/governance/schemes/A/").content.decode()
    assert client.get("/governance/schemes/A/commissioning/new/").status_code == 403
    client.force_login(governance.manager_b)
    assert client.post("/governance/schemes/A/commissioning/new/", {}).status_code == 404
