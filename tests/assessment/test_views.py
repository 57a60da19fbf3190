"""Assessment pages: start, edit, complete (with confirmation), read each version, amend."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.assessment.actions import AssessmentContent, assessment_amend, assessment_complete, assessment_start
from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.pathway.actions import entry_void
from liaison.pathway.models import PathwayEvent
from liaison.screening.actions import FindingInput, screening_record
from tests import factories
from tests.assessment.test_actions import FULL
from tests.pathway.pages import events_of, html, signed_in

FORM = {
    "history": "Known to CMHT",
    "presentation": "Tearful, settled after talking",
    "need_mental_health": "CMHT review this week",
    "formulation": "Low mood after bereavement",
    "onward_referral": "Community mental health team",
    "court": ["psychiatric_report"],
    "treatment_requirements": ["mental_health", "alcohol_treatment"],
}


@pytest.fixture
def episode(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=90)
    screening_record(
        by=network.practitioner_a,
        episode=e,
        findings=[FindingInput("alcohol", "suspected")],
        urgency="same_day",
        needs_assessment=True,
    )
    return e


def start_url(episode) -> str:
    return reverse("assessment:start", args=[episode.pk])


def url(name: str, a: Assessment) -> str:
    return reverse(f"assessment:{name}", args=[a.episode_id, a.pk])


@pytest.fixture
def completed(network, episode) -> Assessment:
    a = assessment_start(by=network.practitioner_a, episode=episode, content=FULL)
    assessment_complete(by=network.practitioner_a, assessment=a)
    return a


def test_the_pathway_assess_step_leads_to_the_start_page(client, network, episode):
    c = signed_in(client, network.practitioner_a)
    response = c.get(reverse("pathway:assess", args=[episode.pk]), follow=True)
    assert response.redirect_chain[-1][0] == start_url(episode)
    page = html(response)
    assert "Start an assessment" in page
    assert page.count("<h1") == 1


def test_domains_found_at_screening_come_first(client, network, episode):
    page = html(signed_in(client, network.practitioner_a).get(start_url(episode)))
    assert page.index('name="need_alcohol"') < page.index('name="need_mental_health"')


def test_saving_a_draft_writes_no_event(client, network, episode):
    before = events_of(episode)
    response = signed_in(client, network.practitioner_a).post(start_url(episode), {**FORM, "save": ""})
    a = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("edit", a)
    assert a.is_draft and a.needs == {"mental_health": "CMHT review this week"}
    assert a.treatment_requirements == ["alcohol_treatment", "mental_health"]
    assert events_of(episode) == before


def test_the_start_page_goes_to_the_draft_once_there_is_one(client, network, episode):
    a = assessment_start(by=network.practitioner_a, episode=episode, content=FULL)
    response = signed_in(client, network.practitioner_a).get(start_url(episode))
    assert response["Location"] == url("edit", a)


def test_editing_the_draft_saves_it_and_audits_the_edit(client, network, episode):
    a = assessment_start(by=network.practitioner_a, episode=episode, content=FULL)
    c = signed_in(client, network.practitioner_a)
    assert FULL.history in html(c.get(url("edit", a)))
    response = c.post(url("edit", a), {**FORM, "history": "Known to CMHT and the GP", "save": ""})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.history == "Known to CMHT and the GP"
    assert AssessmentEvent.objects.filter(assessment=a, kind="assessment_draft:edit").count() == 1


def test_a_draft_too_long_is_rejected_and_changes_nothing(client, network, episode):
    a = assessment_start(by=network.practitioner_a, episode=episode, content=FULL)
    c = signed_in(client, network.practitioner_a)
    response = c.post(url("edit", a), {**FORM, "need_housing": "x" * 2001, "save": ""})
    page = html(response)
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page
    assert 'href="#id_need_housing"' in page
    a.refresh_from_db()
    assert a.history == FULL.history
    assert AssessmentEvent.objects.filter(assessment=a).count() == 1


def test_only_the_author_opens_the_draft_for_editing(client, network, episode):
    a = assessment_start(by=network.practitioner_a, episode=episode, content=FULL)
    c = signed_in(client, network.team_lead_a)
    assert c.get(url("edit", a)).status_code == 403
    assert c.post(url("edit", a), FORM).status_code == 403
    assert c.post(url("complete", a), {}).status_code == 403
    assert c.get(url("view", a)).status_code == 200
    a.refresh_from_db()
    assert a.is_draft and a.history == FULL.history


def test_save_and_complete_leads_to_the_confirmation(client, network, episode):
    c = signed_in(client, network.practitioner_a)
    response = c.post(start_url(episode), {**FORM, "complete": ""})
    a = Assessment.objects.get()
    assert response["Location"] == url("complete", a)
    page = html(c.get(url("complete", a)))
    assert "Once you complete it, it is locked" in page
    assert "Low mood after bereavement" in page
    assert "A psychiatric report" in page


def test_completing_writes_one_event_and_locks_it(client, network, episode):
    a = assessment_start(by=network.practitioner_a, episode=episode, content=FULL)
    before = events_of(episode)
    response = signed_in(client, network.practitioner_a).post(url("complete", a), {})
    assert response.status_code == 302
    assert events_of(episode) == before + 1
    assert PathwayEvent.objects.filter(episode=episode).latest("id").kind == "episode:assess"
    a.refresh_from_db()
    assert not a.is_draft
    episode.refresh_from_db()
    assert episode.stage == "assessed"
    # Locked: the edit page sends to the reading page, and a crafted post changes nothing.
    c = signed_in(client, network.practitioner_a)
    assert c.get(url("edit", a))["Location"] == url("view", a)
    c.post(url("edit", a), {**FORM, "history": "Crafted"})
    a.refresh_from_db()
    assert a.history == FULL.history


def test_an_incomplete_draft_cannot_be_completed(client, network, episode):
    a = assessment_start(by=network.practitioner_a, episode=episode, content=AssessmentContent(history="Only this"))
    response = signed_in(client, network.practitioner_a).post(url("complete", a), {})
    page = html(response)
    assert "Enter your formulation" in page
    assert events_of(episode) == 3  # identified and screened only
    a.refresh_from_db()
    assert a.is_draft


def test_amending_makes_a_new_version_and_the_old_one_stays_readable(client, network, episode, completed):
    before = events_of(episode)
    c = signed_in(client, network.practitioner_a)
    assert FULL.formulation in html(c.get(url("amend", completed)))
    response = c.post(url("amend", completed), {**FORM, "reason": "Wrong referral recorded"})
    new = Assessment.objects.get(version=2)
    assert response["Location"] == url("view", new)
    assert events_of(episode) == before + 1
    old_page = html(c.get(url("view", completed)))
    assert "Superseded" in old_page
    assert url("view", new) in old_page
    assert FULL.formulation in old_page
    new_page = html(c.get(url("view", new)))
    assert "Wrong referral recorded" in new_page
    assert url("view", completed) in new_page


def test_an_amendment_without_a_reason_is_rejected_and_changes_nothing(client, network, episode, completed):
    before = events_of(episode)
    response = signed_in(client, network.practitioner_a).post(url("amend", completed), FORM)
    assert "Enter why you are amending the assessment" in html(response)
    assert events_of(episode) == before
    assert Assessment.objects.count() == 1


def test_a_superseded_version_is_not_offered_for_amendment(client, network, episode, completed):
    new = assessment_amend(by=network.practitioner_a, assessment=completed, reason="Typo", content=FULL)
    c = signed_in(client, network.practitioner_a)
    assert url("amend", completed) not in html(c.get(url("view", completed)))
    assert c.get(url("amend", completed))["Location"] == url("view", new)
    c.post(url("amend", completed), {**FORM, "reason": "Crafted"})
    assert Assessment.objects.count() == 2


def test_the_episode_page_lists_every_version(client, network, episode, completed):
    assessment_amend(by=network.practitioner_a, assessment=completed, reason="Typo in the history", content=FULL)
    page = html(signed_in(client, network.practitioner_a).get(reverse("pathway:episode", args=[episode.pk])))
    assert "Version 1" in page and "Version 2" in page
    assert "Superseded" in page
    assert "Amended: Typo in the history" in page
    assert "Assessment amended" in page


def test_a_support_worker_cannot_start_or_amend(client, network, episode, completed):
    c = signed_in(client, network.support_worker_a)
    assert c.get(start_url(episode)).status_code == 403
    assert c.post(url("amend", completed), {**FORM, "reason": "Crafted"}).status_code == 403
    assert Assessment.objects.count() == 1


def test_another_scheme_gets_404_everywhere(client, network, episode, completed):
    c = signed_in(client, network.practitioner_b)
    for name in ("view", "edit", "complete", "amend"):
        assert c.get(url(name, completed)).status_code == 404
    assert c.get(start_url(episode)).status_code == 404


def test_a_voided_completion_is_said_on_the_assessment(client, network, episode, completed):
    entry_void(by=network.practitioner_a, episode=episode, event=completed.event, reason="Wrong person")
    page = html(signed_in(client, network.practitioner_a).get(url("view", completed)))
    assert "was voided" in page
    assert "Wrong person" in page
