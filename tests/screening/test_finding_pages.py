"""The decision page, the safety plan page, and what the episode page shows of both."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core import clock
from liaison.pathway.actions import episode_close
from liaison.pathway.models import PathwayEvent
from liaison.screening.actions import FindingInput, finding_decide, screening_record
from liaison.screening.models import Decision, Finding
from tests import factories
from tests.pathway.pages import events_of, html, row_with, signed_in
from tests.screening.suggested import pending_finding


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)


@pytest.fixture
def suggestion(network, episode) -> Finding:
    return pending_finding(episode=episode, by=network.practitioner_a)


def decide_url(episode) -> str:
    return reverse("screening:decide-findings", args=[episode.pk])


def plan_url(episode) -> str:
    return reverse("screening:safety-plan", args=[episode.pk])


def episode_page(client, user, episode) -> str:
    return html(signed_in(client, user).get(reverse("pathway:episode", args=[episode.pk])))


# Deciding suggestions


def test_the_decision_page_has_a_fieldset_per_suggestion(client, network, episode, suggestion):
    other = pending_finding(episode=episode, by=network.practitioner_a, domain="alcohol", code="audit")
    page = html(signed_in(client, network.practitioner_a).get(decide_url(episode)))
    assert page.count('<fieldset class="nhsuk-fieldset"') == 2
    assert f'name="decision_{suggestion.pk}"' in page and f'name="decision_{other.pk}"' in page
    assert "Suggested status: suspected, by PHQ-9" in page
    assert page.count("<h1") == 1


def test_confirming_from_the_page_writes_one_event_and_goes_back_to_the_episode(client, network, episode, suggestion):
    before = events_of(episode)
    response = signed_in(client, network.practitioner_a).post(
        decide_url(episode), {f"decision_{suggestion.pk}": "confirmed"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("pathway:episode", args=[episode.pk])
    assert events_of(episode) == before + 1
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.CONFIRMED


def test_a_change_without_a_reason_is_rejected_and_changes_nothing(client, network, episode, suggestion):
    other = pending_finding(episode=episode, by=network.practitioner_a, domain="alcohol")
    before = events_of(episode)
    data = {
        f"decision_{suggestion.pk}": "confirmed",
        f"decision_{other.pk}": "changed",
        f"status_{other.pk}": "ruled_out",
    }
    response = signed_in(client, network.practitioner_a).post(decide_url(episode), data)
    page = html(response)
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page
    assert "Enter why you are changing the suggested finding for alcohol misuse" in page
    assert f'href="#id_note_{other.pk}"' in page
    assert events_of(episode) == before
    assert set(Finding.objects.values_list("decision", flat=True)) == {Decision.PENDING}


def test_a_form_with_no_choice_is_rejected(client, network, episode, suggestion):
    response = signed_in(client, network.practitioner_a).post(decide_url(episode), {})
    assert "Choose confirm, change or reject for at least one suggested finding" in html(response)
    assert events_of(episode) == 2


def test_a_support_worker_cannot_open_the_decision_page(client, network, episode, suggestion):
    c = signed_in(client, network.support_worker_a)
    assert c.get(decide_url(episode)).status_code == 403
    assert c.post(decide_url(episode), {f"decision_{suggestion.pk}": "confirmed"}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.PENDING


def test_another_scheme_gets_404(client, network, episode, suggestion):
    c = signed_in(client, network.practitioner_b)
    assert c.get(decide_url(episode)).status_code == 404
    assert c.post(decide_url(episode), {f"decision_{suggestion.pk}": "confirmed"}).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.PENDING


def test_a_closed_episode_says_so_and_decides_nothing(client, network, episode, suggestion):
    episode_close(
        by=network.practitioner_a, episode=episode, justice_outcome="no_further_action", ld_outcome="declined"
    )
    before = events_of(episode)
    response = signed_in(client, network.practitioner_a).post(
        decide_url(episode), {f"decision_{suggestion.pk}": "confirmed"}
    )
    assert "does not allow" in html(response)
    assert events_of(episode) == before


# The episode page's findings table


def test_a_pending_suggestion_awaits_a_decision_with_a_link(client, network, episode, suggestion):
    row = row_with(episode_page(client, network.practitioner_a, episode), "Mental health")
    assert "Awaiting your decision" in row
    assert decide_url(episode) in row
    assert "Suggested by PHQ-9" in row


def test_a_decided_suggestion_shows_the_decision_and_who_made_it(client, network, episode, suggestion):
    finding_decide(by=network.team_lead_a, finding=suggestion, decision="confirmed")
    row = row_with(episode_page(client, network.practitioner_a, episode), "Mental health")
    assert "Accepted as suggested" in row
    assert str(network.team_lead_a) in row
    assert "Awaiting your decision" not in row


def test_a_decided_suggestion_drops_suggested_and_the_screening_form_shows_it_as_recorded(client, network, episode):
    suggestion = pending_finding(episode=episode, by=network.practitioner_a)
    before = Finding.objects.get(pk=suggestion.pk)
    assert before.source_label == "Screening instrument (suggested)"
    finding_decide(by=network.practitioner_a, finding=suggestion, decision="confirmed")
    decided = Finding.objects.get(pk=suggestion.pk)
    assert decided.source_label == "Screening instrument"
    row = row_with(episode_page(client, network.practitioner_a, episode), "Mental health")
    assert "From PHQ-9" in row and "Suggested by" not in row

    form = signed_in(client, network.practitioner_a).get(reverse("pathway:screen", args=[episode.pk]))
    text = html(form)
    assert "Already recorded: suspected (Screening instrument, accepted as suggested)" in text


def test_a_finding_recorded_by_hand_says_so(client, network, episode):
    screening_record(
        by=network.practitioner_a,
        episode=episode,
        findings=[FindingInput("drugs", "confirmed", "records")],
        urgency="routine",
        needs_assessment=False,
    )
    row = row_with(episode_page(client, network.practitioner_a, episode), "Drug misuse")
    assert "Health or care records" in row
    assert "Recorded by the practitioner" in row


def test_the_timeline_reads_a_decision_in_words(client, network, episode, suggestion):
    finding_decide(by=network.practitioner_a, finding=suggestion, decision="changed", status="ruled_out", note="Grief")
    page = episode_page(client, network.practitioner_a, episode)
    for text in ("Finding decided", "Changed", "Ruled out", "Grief"):
        assert text in page


# Safety plans


def self_harm(network, episode, status="suspected"):
    return screening_record(
        by=network.practitioner_a,
        episode=episode,
        findings=[FindingInput("self_harm", status)],
        urgency="immediate",
        needs_assessment=True,
    )


def plan_form(**overrides):
    now = timezone.localtime(clock.now())
    data = {
        "plan": "Constant observation; belt and cord removed",
        "informed": ["custody_sergeant", "detention_officer"],
        "name_custody_sergeant": "PS Khan",
        "informed_on_0": now.day,
        "informed_on_1": now.month,
        "informed_on_2": now.year,
        "informed_time": f"{now:%H:%M}",
    }
    data.update(overrides)
    return data


def test_the_episode_page_prompts_for_a_safety_plan_after_a_self_harm_finding(client, network, episode):
    self_harm(network, episode)
    page = episode_page(client, network.practitioner_a, episode)
    assert 'class="nhsuk-card nhsuk-card--warning"' in page
    assert "Record a safety plan" in page
    assert plan_url(episode) in page


def test_a_closed_episode_shows_no_prompt_only_its_history(client, network, episode):
    from liaison.pathway.actions import episode_close

    self_harm(network, episode)
    episode_close(
        by=network.practitioner_a,
        episode=episode,
        ld_outcome="no_further_ld_action",
        justice_outcome="no_further_action",
    )
    page = episode_page(client, network.practitioner_a, episode)
    assert "nhsuk-card--warning" not in page and plan_url(episode) not in page


def test_no_prompt_without_a_self_harm_concern(client, network, episode):
    self_harm(network, episode, status="ruled_out")
    assert "nhsuk-card--warning" not in episode_page(client, network.practitioner_a, episode)


def test_recording_a_plan_clears_the_prompt_and_shows_the_plan(client, network, episode):
    self_harm(network, episode)
    before = events_of(episode)
    response = signed_in(client, network.practitioner_a).post(plan_url(episode), plan_form())
    assert response.status_code == 302
    assert events_of(episode) == before + 1
    event = PathwayEvent.objects.filter(episode=episode).latest("id")
    assert event.kind == "screening:safety_plan"
    assert event.data["informed"] == [
        {"role": "custody_sergeant", "name": "PS Khan"},
        {"role": "detention_officer", "name": ""},
    ]
    page = episode_page(client, network.practitioner_a, episode)
    assert "nhsuk-card--warning" not in page
    assert "Constant observation; belt and cord removed" in page
    assert "Custody sergeant: PS Khan" in page


def test_a_plan_without_who_was_told_is_rejected_and_changes_nothing(client, network, episode):
    self_harm(network, episode)
    before = events_of(episode)
    response = signed_in(client, network.practitioner_a).post(plan_url(episode), plan_form(informed=[]))
    page = html(response)
    assert response.status_code == 200
    assert "Select who you told about the plan" in page
    assert events_of(episode) == before


def test_someone_else_told_needs_their_name(client, network, episode):
    response = signed_in(client, network.practitioner_a).post(plan_url(episode), plan_form(informed=["other"]))
    assert "Enter who else you told, with their role" in html(response)
    assert events_of(episode) == 2


def test_the_safety_plan_page_renders_with_the_prompt(client, network, episode):
    self_harm(network, episode)
    page = html(signed_in(client, network.practitioner_a).get(plan_url(episode)))
    assert page.count("<h1") == 1
    assert "NG225" in page
    assert "no safety plan has been recorded since" in page


def test_a_support_worker_cannot_record_a_plan(client, network, episode):
    c = signed_in(client, network.support_worker_a)
    assert c.get(plan_url(episode)).status_code == 403
    assert c.post(plan_url(episode), plan_form()).status_code == 403
    assert events_of(episode) == 2


def test_the_safety_plan_page_is_offered_without_a_prompt(client, network, episode):
    page = episode_page(client, network.practitioner_a, episode)
    assert plan_url(episode) in page
    assert "nhsuk-card--warning" not in page


def test_the_safety_plan_form_takes_blank_date_and_time_as_now_like_every_other_form(client, network, episode):
    self_harm(network, episode)
    data = {k: v for k, v in plan_form().items() if not k.startswith(("informed_on", "informed_time"))}
    response = signed_in(client, network.practitioner_a).post(plan_url(episode), data)
    assert response.status_code == 302
    assert PathwayEvent.objects.filter(episode=episode, kind="screening:safety_plan").count() == 1


def test_the_safety_plan_form_refuses_a_date_without_a_time(client, network, episode):
    self_harm(network, episode)
    data = {k: v for k, v in plan_form().items() if k != "informed_time"}
    response = signed_in(client, network.practitioner_a).post(plan_url(episode), data)
    assert response.status_code == 200 and "Enter both the date and the time" in html(response)
