"""Mental Capacity Act 2005: best interests (s.4) when the person lacks capacity, and deferred
consent while capacity is only temporarily impaired, with a prompt to ask them later."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from liaison.core import clock
from liaison.core.errors import Invalid
from liaison.sharing.actions import ConsentRequired
from liaison.sharing.selectors import awaiting_consent, episode_consents
from tests.pathway.pages import signed_in
from tests.sharing.conftest import TOLD, consent_to, share

IMPAIRED = {
    "capacity_in_doubt": True,
    "capacity_judged_by": "Dr Rao, forensic medical examiner",
    "capacity_outcome": "temporarily_impaired",
}
LACKS = {**IMPAIRED, "capacity_outcome": "lacks_capacity"}


def _best_interests_override(network, **kwargs):
    return {
        "override_kind": "best_interests",
        "override_reason": "The court needs to know he is unwell to adjourn",
        "override_approver": network.team_lead_a,
        **TOLD,
        **kwargs,
    }


def test_a_person_whose_capacity_is_impaired_cannot_consent_now_and_the_decision_is_deferred(network, case):
    with pytest.raises(Invalid) as e:
        consent_to(network, case.episode, **IMPAIRED)
    assert "defer" in e.value.errors["decision"].lower()
    with pytest.raises(Invalid) as e:
        consent_to(network, case.episode, decision="deferred", **IMPAIRED)
    assert {"best_interests_reason", "seek_consent_by"} <= set(e.value.errors)
    later = clock.now() + timedelta(hours=6)
    deferred = consent_to(
        network,
        case.episode,
        decision="deferred",
        best_interests_reason="Intoxicated; the court sits this afternoon. Spoke to his sister.",
        seek_consent_by=later,
        **IMPAIRED,
    )
    assert deferred.seek_consent_by == later and not deferred.is_in_force


def test_a_deferred_decision_prompts_to_seek_consent_until_the_person_decides(client, network, case):
    consent_to(
        network,
        case.episode,
        decision="deferred",
        best_interests_reason="In crisis",
        seek_consent_by=clock.now() + timedelta(hours=2),
        **IMPAIRED,
    )
    assert len(awaiting_consent(list(episode_consents(episode=case.episode)))) == 1
    page = signed_in(client, network.practitioner_a).get(reverse("pathway:episode", args=[case.episode.pk]))
    assert "Ask the person for their consent" in page.content.decode()
    consent_to(network, case.episode)
    assert awaiting_consent(list(episode_consents(episode=case.episode))) == []


def test_while_deferred_a_share_needs_the_best_interests_route(network, case):
    consent_to(
        network,
        case.episode,
        decision="deferred",
        best_interests_reason="Intoxicated",
        seek_consent_by=clock.now() + timedelta(hours=6),
        **IMPAIRED,
    )
    with pytest.raises(ConsentRequired) as e:
        share(network, case.episode)
    assert e.value.details["reason"] == "deferred"
    s = share(network, case.episode, **_best_interests_override(network))
    assert s.basis == "override" and s.override_kind == "best_interests"
    assert s.confidentiality_basis == "best_interests"


def test_a_person_who_lacks_capacity_has_a_best_interests_decision_not_a_consent(network, case):
    with pytest.raises(Invalid) as e:
        consent_to(network, case.episode, decision="best_interests", **LACKS)
    assert "best_interests_reason" in e.value.errors
    decided = consent_to(
        network, case.episode, decision="best_interests", best_interests_reason="Consulted his mother", **LACKS
    )
    assert not decided.is_in_force
    with pytest.raises(Invalid) as e:
        consent_to(network, case.episode, decision="best_interests", best_interests_reason="x")
    assert "lacks capacity" in e.value.errors["decision"]


def test_best_interests_overrides_need_a_recorded_capacity_judgement(network, case):
    with pytest.raises(Invalid) as e:
        share(network, case.episode, **_best_interests_override(network))
    assert "capacity" in e.value.errors["override_kind"]
    consent_to(network, case.episode, decision="best_interests", best_interests_reason="Consulted his mother", **LACKS)
    assert share(network, case.episode, **_best_interests_override(network)).override_kind == "best_interests"
