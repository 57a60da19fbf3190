"""Recording a screening outcome as structured findings."""

from __future__ import annotations

import pytest

from liaison.core.errors import Invalid, PermissionDenied, StageNotAllowed
from liaison.pathway.actions import entry_void
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage, Step
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.models import Finding
from liaison.screening.selectors import episode_findings
from tests import factories
from tests.pathway.steps import take


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a)


def screen(network, episode, findings=None, **overrides):
    fields = {
        "by": network.practitioner_a,
        "episode": episode,
        "findings": findings if findings is not None else [FindingInput("mental_health", "suspected")],
        "urgency": "same_day",
        "needs_assessment": True,
    }
    fields.update(overrides)
    return screening_record(**fields)


def test_screening_writes_one_event_and_a_finding_per_domain(network, episode):
    event = screen(
        network,
        episode,
        [FindingInput("mental_health", "suspected", note=" Low mood "), FindingInput("drugs", "confirmed", "records")],
    )

    findings = {f.domain: f for f in Finding.objects.filter(episode=episode)}
    assert set(findings) == {"mental_health", "drugs"}
    assert (findings["drugs"].status, findings["drugs"].source, findings["drugs"].event) == (
        "confirmed",
        "records",
        event,
    )
    assert findings["mental_health"].note == "Low mood"
    assert findings["mental_health"].decided_by == network.practitioner_a
    assert Episode.objects.get(pk=episode.pk).stage == Stage.SCREENED
    assert event.data["findings"][0]["domain"] == "mental_health"


@pytest.mark.parametrize(
    ("findings", "field"),
    [
        ([], "findings"),
        ([FindingInput("astrology", "suspected")], "findings.astrology"),
        ([FindingInput("drugs", "maybe")], "findings.drugs"),
        ([FindingInput("drugs", "suspected", source="rumour")], "findings.drugs"),
        ([FindingInput("drugs", "suspected"), FindingInput("drugs", "ruled_out")], "findings.drugs"),
    ],
)
def test_bad_findings_are_refused_and_nothing_is_written(network, episode, findings, field):
    with pytest.raises(Invalid) as refused:
        screen(network, episode, findings)

    assert field in refused.value.errors
    assert not Finding.objects.exists()
    assert PathwayEvent.objects.filter(episode=episode).count() == 2


def test_an_unknown_urgency_is_refused(network, episode):
    with pytest.raises(Invalid) as refused:
        screen(network, episode, urgency="whenever")

    assert "urgency" in refused.value.errors


def test_a_closed_episode_cannot_be_screened_and_gets_no_findings(network, episode):
    take(Step.CLOSE, episode=episode, by=network.practitioner_a)

    with pytest.raises(StageNotAllowed):
        screen(network, episode)

    assert not Finding.objects.exists()


def test_a_support_worker_cannot_record_findings(network, episode):
    with pytest.raises(PermissionDenied):
        screen(network, episode, by=network.support_worker_a)

    assert not Finding.objects.exists()


def test_voiding_a_screening_voids_its_findings_which_stay_visible(network, episode):
    first = screen(network, episode, [FindingInput("mental_health", "suspected"), FindingInput("alcohol", "ruled_out")])
    screen(network, episode, [FindingInput("drugs", "suspected")])

    entry_void(by=network.team_lead_a, episode=episode, event=first, reason="Screened the wrong person")

    shown = {f.domain: f for f in episode_findings(episode=episode)}
    assert set(shown) == {"mental_health", "alcohol", "drugs"}
    for domain in ("mental_health", "alcohol"):
        assert shown[domain].is_voided
        assert (shown[domain].voided_by, shown[domain].void_reason) == (
            network.team_lead_a,
            "Screened the wrong person",
        )
    assert not shown["drugs"].is_voided
