"""Recording and withdrawing consent: what each needs, and the event each writes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.pathway.actions import episode_close
from liaison.pathway.models import PathwayEvent
from liaison.sharing.actions import ConsentDetails, consent_record, consent_withdraw
from liaison.sharing.models import Consent
from tests.sharing.conftest import consent_to, screened


def test_it_records_consent_to_share_with_its_event(network, case):
    consent = consent_to(network, case.episode)
    assert consent.is_in_force
    assert consent.recorded_by == network.practitioner_a
    assert consent.person == case.episode.person
    assert consent.event.kind == "consent:record"
    assert consent.event.data["consent_id"] == str(consent.pk)
    assert consent.given_at == consent.event.occurred_at
    assert consent.age_at_episode is not None


def test_consent_to_the_service_and_to_research_take_no_agency(network, case):
    for scope in ("service", "research"):
        consent = consent_record(
            by=network.practitioner_a,
            episode=case.episode,
            details=ConsentDetails(scope=scope, decision="given", method="verbal"),
        )
        assert consent.agency == consent.purpose == ""
    with pytest.raises(Invalid) as e:
        consent_record(
            by=network.practitioner_a,
            episode=case.episode,
            details=ConsentDetails(scope="research", decision="given", method="verbal", agency="cps"),
        )
    assert "agency" in e.value.errors


def test_consent_to_share_needs_an_agency_and_a_purpose(network, case):
    with pytest.raises(Invalid) as e:
        consent_record(
            by=network.practitioner_a,
            episode=case.episode,
            details=ConsentDetails(scope="share", decision="given", method="verbal"),
        )
    assert set(e.value.errors) == {"agency", "purpose"}
    assert not Consent.objects.filter(scope="share").exists()


def test_another_agency_must_be_named(network, case):
    with pytest.raises(Invalid) as e:
        consent_to(network, case.episode, agency="other")
    assert "agency_name" in e.value.errors
    assert consent_to(network, case.episode, agency="other", agency_name="Women's centre").describe.startswith(
        "Sharing with Women's centre"
    )


def test_an_under_16_with_a_parent_needs_the_parent_and_the_reasons(network):
    young = screened(network, born=date.today() - timedelta(days=15 * 365))
    with pytest.raises(Invalid) as e:
        consent_to(network, young.episode)
    assert "child_route" in e.value.errors
    with pytest.raises(Invalid) as e:
        consent_to(network, young.episode, child_route="parental")
    assert {"guardian_name", "guardian_relationship", "child_route_reason"} <= set(e.value.errors)
    assert not Consent.objects.filter(scope="share").exists()
    consent = consent_to(
        network,
        young.episode,
        child_route="parental",
        child_route_reason="Asked for his mother to decide with him",
        guardian_name="Pat Sharetest",
        guardian_relationship="Mother",
    )
    assert consent.guardian_name == "Pat Sharetest" and consent.child_route == "parental"
    assert consent.age_at_episode is not None and consent.age_at_episode < 16


def test_a_16_year_old_needs_no_guardian(network):
    sixteen = screened(network, born=date.today() - timedelta(days=16 * 365 + 30))
    assert consent_to(network, sixteen.episode).guardian_name == ""


def test_capacity_in_doubt_needs_who_judged_and_the_outcome(network, case):
    with pytest.raises(Invalid) as e:
        consent_to(network, case.episode, capacity_in_doubt=True)
    assert {"capacity_judged_by", "capacity_outcome"} <= set(e.value.errors)
    consent = consent_to(
        network, case.episode, capacity_in_doubt=True, capacity_judged_by="Dr Rao, FME", capacity_outcome="has_capacity"
    )
    assert consent.capacity_outcome == "has_capacity"


def test_a_person_who_lacks_capacity_cannot_give_consent(network, case):
    with pytest.raises(Invalid) as e:
        consent_to(
            network,
            case.episode,
            capacity_in_doubt=True,
            capacity_judged_by="Dr Rao, FME",
            capacity_outcome="lacks_capacity",
        )
    assert "decision" in e.value.errors
    with pytest.raises(Invalid) as e:
        consent_to(
            network,
            case.episode,
            decision="refused",
            capacity_in_doubt=True,
            capacity_judged_by="Dr Rao, FME",
            capacity_outcome="lacks_capacity",
        )
    assert "best interests" in e.value.errors["decision"]


def test_a_capacity_judgement_needs_capacity_in_doubt(network, case):
    with pytest.raises(Invalid) as e:
        consent_to(network, case.episode, capacity_judged_by="Dr Rao")
    assert "capacity_in_doubt" in e.value.errors


def test_support_workers_and_other_schemes_cannot_record_consent(network, case):
    for user in (network.support_worker_a, network.practitioner_b):
        with pytest.raises(PermissionDenied):
            consent_record(
                by=user,
                episode=case.episode,
                details=ConsentDetails(scope="service", decision="given", method="verbal"),
            )
    assert not Consent.objects.filter(scope="share").exists()


def test_withdrawal_is_a_new_event_and_marks_the_consent(network, case):
    consent = consent_to(network, case.episode)
    before = PathwayEvent.objects.filter(episode=case.episode).count()
    consent_withdraw(by=network.team_lead_a, consent=consent, note="Told me at the cell door")
    consent.refresh_from_db()
    assert consent.is_withdrawn and not consent.is_in_force
    assert consent.withdrawn_by == network.team_lead_a
    assert consent.withdrawal_note == "Told me at the cell door"
    assert consent.withdraw_event is not None
    assert consent.withdraw_event.kind == "consent:withdraw"
    assert PathwayEvent.objects.filter(episode=case.episode).count() == before + 1
    # The original record is kept as it was.
    assert consent.event.kind == "consent:record" and consent.decision == "given"


def test_consent_cannot_be_withdrawn_twice_or_when_refused(network, case):
    consent = consent_to(network, case.episode)
    consent_withdraw(by=network.practitioner_a, consent=consent)
    with pytest.raises(Conflict) as e:
        consent_withdraw(by=network.practitioner_a, consent=consent)
    assert e.value.code == "already_withdrawn"
    refused = consent_to(network, case.episode, decision="refused")
    with pytest.raises(Conflict) as e:
        consent_withdraw(by=network.practitioner_a, consent=refused)
    assert e.value.code == "not_withdrawable"


def test_consent_can_be_withdrawn_after_the_episode_closed(network, case):
    consent = consent_to(network, case.episode)
    episode_close(
        by=network.practitioner_a,
        episode=case.episode,
        justice_outcome="no_further_action",
        ld_outcome="no_further_ld_action",
    )
    consent_withdraw(by=network.practitioner_a, consent=consent)
    consent.refresh_from_db()
    assert consent.is_withdrawn
