"""The person's decision about the L&D service comes before screening and assessment: consent, a
recorded decline, or a best interests or deferred decision when they cannot decide now."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from liaison.assessment.actions import assessment_summary_record
from liaison.core import clock
from liaison.pathway.models import Episode, PathwayEvent
from liaison.screening.actions import FindingInput, screening_record
from liaison.sharing.gate import ServiceConsentRequired
from tests import factories
from tests.pathway.pages import html, signed_in


def _unconsented(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a, service_consent=False)


def _screen(network, episode):
    return screening_record(
        by=network.practitioner_a,
        episode=episode,
        findings=[FindingInput("mental_health", "suspected")],
        urgency="same_day",
        needs_assessment=False,
    )


def test_screening_waits_for_a_service_decision_and_writes_nothing(network):
    episode = _unconsented(network)
    before = PathwayEvent.objects.filter(episode=episode).count()
    with pytest.raises(ServiceConsentRequired) as e:
        _screen(network, episode)
    assert e.value.code == "service_consent_required" and e.value.status == 409
    assert PathwayEvent.objects.filter(episode=episode).count() == before


@pytest.mark.parametrize("decision", ["given", "refused"])
def test_consent_or_a_recorded_decline_lets_screening_go_ahead(network, decision):
    episode = _unconsented(network)
    factories.record_service_consent(episode=episode, by=network.practitioner_a, decision=decision)
    assert _screen(network, episode).kind == "episode:screen"


def test_a_deferred_decision_lets_screening_go_ahead_in_best_interests(network):
    from liaison.sharing.actions import ConsentDetails, consent_record

    episode = _unconsented(network)
    consent_record(
        by=network.practitioner_a,
        episode=episode,
        details=ConsentDetails(
            scope="service",
            decision="deferred",
            method="verbal",
            capacity_in_doubt=True,
            capacity_judged_by="Dr Rao, FME",
            capacity_outcome="temporarily_impaired",
            best_interests_reason="Intoxicated and at risk: screened for his safety",
            seek_consent_by=clock.now() + timedelta(hours=4),
        ),
    )
    assert _screen(network, episode).kind == "episode:screen"


def test_assessment_waits_for_a_service_decision(network):
    episode = _unconsented(network)
    # Screened without one, as episodes recorded before the gate may have been.
    Episode.objects.filter(pk=episode.pk).update(stage="screened")
    episode.refresh_from_db()
    with pytest.raises(ServiceConsentRequired):
        assessment_summary_record(by=network.practitioner_a, episode=episode, summary="Low mood, known to CMHT")
    factories.record_service_consent(episode=episode, by=network.practitioner_a)
    assert assessment_summary_record(by=network.practitioner_a, episode=episode, summary="Low mood").kind == (
        "episode:assess"
    )


def test_the_episode_page_says_to_record_the_service_decision_first(client, network):
    episode = _unconsented(network)
    page = html(signed_in(client, network.practitioner_a).get(reverse("pathway:episode", args=[episode.pk])))
    assert "before screening or assessment" in page
    factories.record_service_consent(episode=episode, by=network.practitioner_a)
    page = html(signed_in(client, network.practitioner_a).get(reverse("pathway:episode", args=[episode.pk])))
    assert "before screening or assessment" not in page
