"""Sharing: consent enforcement, overrides and the snapshot of exactly what was shared."""

from __future__ import annotations

import pytest

from liaison.core.errors import Invalid, PermissionDenied, StageNotAllowed
from liaison.core.events import EVENTS
from liaison.organisations.models import Role
from liaison.pathway.actions import entry_void, episode_close
from liaison.pathway.models import PathwayEvent
from liaison.pathway.transitions import take_step
from liaison.screening.actions import FindingInput, screening_record
from liaison.sharing.actions import (
    ConsentDetails,
    ConsentRequired,
    ShareDetails,
    consent_record,
    consent_withdraw,
    share_create,
)
from liaison.sharing.models import InformationShare
from tests import factories
from tests.referrals import builders
from tests.sharing.conftest import TOLD, consent_to, share


def _nothing_written(case, events_before: int) -> None:
    assert not InformationShare.objects.exists()
    assert PathwayEvent.objects.filter(episode=case.episode).count() == events_before


def _events(case) -> int:
    return PathwayEvent.objects.filter(episode=case.episode).count()


def test_it_refuses_to_share_without_consent_and_changes_nothing(network, case):
    before = _events(case)
    with pytest.raises(ConsentRequired) as e:
        share(network, case.episode, finding_ids=[case.mental_health.pk])
    assert e.value.code == "consent_required"
    assert e.value.status == 409
    assert e.value.details["reason"] == "none"
    assert "no consent recorded" in e.value.message
    _nothing_written(case, before)


def test_it_shares_with_consent_for_that_agency_and_purpose(network, case):
    consent = consent_to(network, case.episode)
    s = share(network, case.episode, finding_ids=[case.mental_health.pk])
    assert s.basis == "consent"
    assert s.consent == consent
    assert s.event.kind == "share:make"
    assert s.event.data["share_id"] == str(s.pk)
    assert s.event.data["finding_ids"] == [case.mental_health.pk]
    assert s.report_kind == "court"


def test_consent_for_another_agency_or_purpose_does_not_count(network, case):
    consent_to(network, case.episode, agency="crown_court", purpose="sentencing")
    consent_to(network, case.episode, agency="magistrates_court", purpose="bail_remand")
    before = _events(case)
    with pytest.raises(ConsentRequired):
        share(network, case.episode, finding_ids=[case.mental_health.pk])
    _nothing_written(case, before)


def test_consent_to_the_service_is_not_consent_to_share(network, case):
    consent_record(
        by=network.practitioner_a,
        episode=case.episode,
        details=ConsentDetails(scope="service", decision="given", method="verbal"),
    )
    with pytest.raises(ConsentRequired):
        share(network, case.episode, finding_ids=[case.mental_health.pk])


def test_withdrawal_blocks_later_shares(network, case):
    consent = consent_to(network, case.episode)
    first = share(network, case.episode, finding_ids=[case.mental_health.pk])
    consent_withdraw(by=network.practitioner_a, consent=consent)
    before = _events(case)
    with pytest.raises(ConsentRequired) as e:
        share(network, case.episode, finding_ids=[case.mental_health.pk])
    assert e.value.details["reason"] == "withdrawn"
    assert "withdrawn" in e.value.message
    assert InformationShare.objects.get() == first
    assert _events(case) == before


def test_a_refusal_after_consent_replaces_it(network, case):
    consent_to(network, case.episode)
    consent_to(network, case.episode, decision="refused")
    with pytest.raises(ConsentRequired) as e:
        share(network, case.episode, finding_ids=[case.mental_health.pk])
    assert e.value.details["reason"] == "refused"


def test_an_override_approved_by_a_team_lead_of_the_scheme_shares_without_consent(network, case):
    s = share(
        network,
        case.episode,
        finding_ids=[case.mental_health.pk],
        override_kind="safeguarding",
        override_reason="Risk to a child at the home address",
        override_approver=network.team_lead_a,
        **TOLD,
    )
    assert s.basis == "override"
    assert s.consent is None
    assert s.override_approved_by == network.team_lead_a
    assert s.snapshot["basis"]["approved_by"] == str(network.team_lead_a)
    assert s.snapshot["basis"]["approver_title"] == "Team lead"


def test_a_scheme_manager_at_a_site_of_the_scheme_may_approve(network, case):
    manager = factories.staff(role=Role.SCHEME_MANAGER, site=network.court_a)
    s = share(
        network,
        case.episode,
        finding_ids=[case.drugs.pk],
        override_kind="court_order",
        override_reason="Court order for disclosure",
        override_approver=manager,
        **TOLD,
    )
    assert s.snapshot["basis"]["approver_title"] == "Scheme manager"


@pytest.mark.parametrize("approver", ["practitioner_a", "support_worker_a", "team_lead_b", "commissioner"])
def test_an_override_needs_a_senior_of_this_scheme(network, case, approver):
    before = _events(case)
    with pytest.raises(Invalid) as e:
        share(
            network,
            case.episode,
            finding_ids=[case.mental_health.pk],
            override_kind="vital_interests",
            override_reason="Says he will end his life tonight",
            override_approver=getattr(network, approver),
        )
    assert "override_approver" in e.value.errors
    _nothing_written(case, before)


def test_an_override_needs_its_kind_reason_and_approver(network, case):
    with pytest.raises(Invalid) as e:
        share(network, case.episode, finding_ids=[case.mental_health.pk], override_reason="Because")
    assert {"override_kind", "override_approver"} <= set(e.value.errors)
    with pytest.raises(Invalid) as e:
        share(
            network,
            case.episode,
            finding_ids=[case.mental_health.pk],
            override_kind="safeguarding",
            override_approver=network.team_lead_a,
        )
    assert "override_reason" in e.value.errors
    assert not InformationShare.objects.exists()


def test_an_override_is_refused_where_consent_is_in_force(network, case):
    consent_to(network, case.episode)
    with pytest.raises(Invalid) as e:
        share(
            network,
            case.episode,
            finding_ids=[case.mental_health.pk],
            override_kind="safeguarding",
            override_reason="x",
            override_approver=network.team_lead_a,
        )
    assert "override_kind" in e.value.errors


def test_it_refuses_findings_of_another_episode_or_voided_ones(network, case):
    consent_to(network, case.episode)
    other = factories.episode(by=network.practitioner_a, site=network.custody_a)
    screening_record(
        by=network.practitioner_a,
        episode=other,
        findings=[FindingInput("trauma", "suspected")],
        urgency="routine",
        needs_assessment=False,
    )
    foreign = other.findings.get()
    with pytest.raises(Invalid) as e:
        share(network, case.episode, finding_ids=[foreign.pk])
    assert "findings" in e.value.errors
    entry_void(by=network.practitioner_a, episode=case.episode, event=case.drugs.event, reason="Wrong person")
    with pytest.raises(Invalid):
        share(network, case.episode, finding_ids=[case.drugs.pk])


def test_it_needs_something_to_share(network, case):
    consent_to(network, case.episode)
    with pytest.raises(Invalid) as e:
        share(network, case.episode, summary="")
    assert "findings" in e.value.errors


def test_it_checks_the_codes(network, case):
    consent_to(network, case.episode)
    with pytest.raises(Invalid) as e:
        share(
            network,
            case.episode,
            agency="the moon",
            purpose="x",
            lawful_basis_6="6",
            lawful_basis_9="9",
            channel="fax",
            recipient_name=" ",
            treatment_requirements=["xx"],
            psychiatric_report="maybe",
        )
    assert set(e.value.errors) >= {
        "agency",
        "purpose",
        "lawful_basis_6",
        "lawful_basis_9",
        "channel",
        "recipient_name",
        "treatment_requirements",
        "psychiatric_report",
    }


def test_a_closed_episode_cannot_share(network, case):
    consent_to(network, case.episode)
    episode_close(
        by=network.practitioner_a,
        episode=case.episode,
        justice_outcome="no_further_action",
        ld_outcome="no_further_ld_action",
    )
    with pytest.raises(StageNotAllowed):
        share(network, case.episode, finding_ids=[case.mental_health.pk])


def test_other_schemes_and_support_workers_cannot_share(network, case):
    consent_to(network, case.episode)
    for user in (network.practitioner_b, network.support_worker_a):
        with pytest.raises(PermissionDenied):
            share_create(
                by=user,
                episode=case.episode,
                details=ShareDetails(
                    agency="magistrates_court",
                    recipient_name="x",
                    purpose="sentencing",
                    lawful_basis_6="6_1_e",
                    lawful_basis_9="9_2_h",
                    channel="report",
                    summary="x",
                ),
            )


def test_the_snapshot_holds_only_the_selected_content(network, case):
    consent_to(network, case.episode)
    made = builders.referral(
        episode=case.episode,
        by=network.practitioner_a,
        to=builders.service(scheme=case.episode.scheme, name="Mersey CMHT"),
        reason="Voices",
    )
    referral = made.event
    s = share(
        network,
        case.episode,
        finding_ids=[case.mental_health.pk],
        referral_event_ids=[referral.pk],
        treatment_requirements=["mhtr"],
        psychiatric_report="needed",
        recommendations="Adjourn for a psychiatric report",
    )
    snap = s.snapshot
    assert [f["id"] for f in snap["findings"]] == [case.mental_health.pk]
    assert snap["findings"][0]["note"] == "Hearing voices since Tuesday"
    assert "methadone" not in str(snap)
    assert [r["service"] for r in snap["referrals"]] == ["Mersey CMHT"]
    assert snap["recommendations"]["treatment_requirements"] == ["Mental health treatment requirement"]
    assert snap["basis"]["kind"] == "consent"
    assert snap["author"]["name"] == str(network.practitioner_a)


def test_referral_progress_comes_from_the_events(network, case):
    """The referrals app's events carry a referral id and status; the latest progress is shown."""
    refer = take_step(
        episode=case.episode,
        kind=EVENTS.get("episode:refer"),
        by=network.practitioner_a,
        occurred_at=None,
        data={
            "referral_id": 7,
            "service_id": 3,
            "service": "Change Grow Live",
            "service_type": "drug_alcohol",
            "status": "made",
            "urgency": "routine",
        },
    )
    take_step(
        episode=case.episode,
        kind=EVENTS.get("referral:update"),
        by=network.practitioner_a,
        occurred_at=None,
        data={
            "referral_id": 7,
            "service_id": 3,
            "service": "Change Grow Live",
            "service_type": "drug_alcohol",
            "status": "first_appointment_attended",
            "transition": "attended",
            "from_status": "appointment_booked",
        },
    )
    consent_to(network, case.episode)
    s = share(network, case.episode, referral_event_ids=[refer.pk])
    assert s.snapshot["referrals"][0]["status_label"] == "First appointment attended"
