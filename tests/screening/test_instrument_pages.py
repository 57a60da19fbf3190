"""Instrument pages: forms generated from the Questionnaire, the error summary, the result with its
band and the safety prompt, the licence page, and the episode page's section."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from liaison.pathway.actions import episode_close
from liaison.screening.instruments.actions import instrument_record
from liaison.screening.instruments.definition import field_name
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from tests import factories
from tests.pathway.pages import events_of, html, signed_in
from tests.screening import answers


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a)


@pytest.fixture
def practitioner(client, network):
    return signed_in(client, network.practitioner_a)


def start(episode, code="phq9"):
    return reverse("instruments:start", args=[episode.pk, code])


def form_data(given: dict) -> dict:
    """Answers as the generated form posts them."""
    out = {}
    for link_id, value in given.items():
        if isinstance(value, bool):
            value = "yes" if value else "no"
        out[field_name(link_id)] = value
    return out


def test_the_form_has_a_fieldset_and_legend_per_question_with_the_official_answers(practitioner, episode):
    page = html(practitioner.get(start(episode)))
    assert "Over the last 2 weeks, how often have you been bothered" in page
    assert page.count('<legend class="nhsuk-fieldset__legend') >= 10
    assert "9. Thoughts that you would be better off dead or of hurting yourself in some way" in page
    assert page.count('type="radio"') == 9 * 4 + 4
    assert "No permission required" in page  # the licence notice


def test_an_empty_form_lists_every_missing_answer_and_writes_nothing(practitioner, episode):
    before = events_of(episode)
    response = practitioner.post(start(episode), {})
    page = html(response)
    assert response.status_code == 200
    summary = page.split('class="nhsuk-error-summary"')[1].split("</ul>")[0]
    assert summary.count("<li>") == 9  # question 10 is optional
    assert f'href="#id_{field_name("1")}_0"' in summary
    assert page.startswith("<!DOCTYPE html>") and "<title>Error:" in page
    assert events_of(episode) == before
    assert not InstrumentResponse.objects.exists()


def test_a_completed_form_goes_to_the_result_with_total_band_and_meaning(practitioner, episode):
    response = practitioner.post(start(episode), form_data(answers.phq9(3, 3, 2, 2, 1, 1, 0, 0, 0)))
    stored = InstrumentResponse.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("instruments:result", args=[episode.pk, stored.pk])
    page = html(practitioner.get(response["Location"]))
    assert "12 out of 27" in page
    assert "Moderate" in page and "usual cut-off" in page
    assert "Mental health: suspected" in page
    assert "Suggested: awaiting your decision" in page
    assert "No permission required" in page
    assert "safety-prompt" not in page


def test_item_9_above_0_shows_the_safety_prompt_on_the_result_and_the_episode(practitioner, episode):
    practitioner.post(start(episode), form_data(answers.phq9(0, 0, 0, 0, 0, 0, 0, 0, 2)))
    stored = InstrumentResponse.objects.get()
    result = html(practitioner.get(reverse("instruments:result", args=[episode.pk, stored.pk])))
    assert 'id="safety-prompt"' in result and "not a risk score" in result
    assert "risk score:" not in result.lower()
    page = html(practitioner.get(reverse("pathway:episode", args=[episode.pk])))
    assert 'id="safety-prompt"' in page
    assert "Safety prompt" in page


def test_the_core_screen_form_lists_every_domain_and_hides_the_young_peoples_questions_for_adults(
    practitioner, episode
):
    page = html(practitioner.get(start(episode, "ld-core")))
    for label in ("Mental health", "Acquired brain injury", "Veteran", "Risk to self", "Communication needs"):
        assert label in page
    assert "Children and young people" not in page


def test_the_core_screen_shows_the_young_peoples_questions_at_10_to_17(practitioner, network):
    young = factories.person(by=network.practitioner_a, scheme=network.scheme_a, date_of_birth=date(2011, 3, 1))
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, who=young)
    page = html(practitioner.get(start(episode, "ld-core")))
    assert "Children and young people (10 to 17)" in page
    assert "youth offending team" in page


def test_a_concern_without_a_status_is_named_in_the_error_summary(practitioner, episode):
    given = answers.ld_core({"drugs": "suspected"})
    del given["domain.drugs.status"]
    page = html(practitioner.post(start(episode, "ld-core"), form_data(given)))
    assert "Select an answer: Drug misuse: status" in page
    assert not InstrumentResponse.objects.exists()


def test_the_core_screen_carries_forward_confirmed_lasting_findings_only(practitioner, network, episode):
    instrument_record(
        by=network.practitioner_a,
        episode=episode,
        instrument="ld-core",
        answers=answers.ld_core(
            {"learning_disability": "confirmed", "drugs": "confirmed", "mental_health": "suspected"},
            **{"communication.needs": ["easy_read"]},
        ),
    )
    episode_close(
        by=network.practitioner_a, episode=episode, justice_outcome="no_further_action", ld_outcome="declined"
    )
    later = factories.episode(by=network.practitioner_a, site=network.custody_a, who=episode.person)
    page = html(practitioner.get(start(later, "ld-core")))
    assert "Carried forward" in page
    ld = page.split("Learning disability")[1].split("</fieldset>")[0]
    assert "Carried forward" in ld
    for name in ("Drug misuse", "Mental health"):
        assert "Carried forward" not in page.split(f"{name}\n")[1].split("</legend>")[0]
    assert f'name="{field_name("domain.learning_disability.status")}" type="radio" value="confirmed" checked' in page
    assert 'value="easy_read" checked' in page


def test_nothing_is_carried_forward_from_another_schemes_core_screen(client, network):
    theirs = factories.episode(by=network.practitioner_b, site=network.custody_b)
    instrument_record(
        by=network.practitioner_b,
        episode=theirs,
        instrument="ld-core",
        answers=answers.ld_core({"learning_disability": "confirmed"}),
    )
    ours = factories.episode(by=network.practitioner_a, site=network.custody_a, who=theirs.person)
    page = html(signed_in(client, network.practitioner_a).get(start(ours, "ld-core")))
    assert "Carried forward" not in page


def test_a_licence_required_instrument_explains_itself_and_cannot_be_started(practitioner, episode):
    response = practitioner.get(start(episode, "ldsq"))
    assert response.status_code == 403
    assert "needs a licence" in html(response)
    assert practitioner.post(start(episode, "ldsq"), {}).status_code == 403
    assert events_of(episode) == 2


def test_an_unknown_instrument_is_not_found(practitioner, episode):
    assert practitioner.get(start(episode, "phq10")).status_code == 404


def test_the_list_links_to_every_startable_instrument_and_marks_licensed_ones(practitioner, episode):
    page = html(practitioner.get(reverse("instruments:choose", args=[episode.pk])))
    for code in ("ld-core", "bjmhs", "phq9", "gad7", "audit", "auditc", "dast10", "helps"):
        assert start(episode, code) in page
    assert start(episode, "ldsq") not in page
    assert page.count("Licence required") == 4


def test_a_closed_episode_offers_no_instrument(practitioner, network, episode):
    episode_close(
        by=network.practitioner_a, episode=episode, justice_outcome="no_further_action", ld_outcome="declined"
    )
    assert practitioner.get(start(episode)).status_code == 302
    page = html(practitioner.get(reverse("instruments:choose", args=[episode.pk])))
    assert start(episode) not in page


def test_the_episode_page_lists_completed_instruments_with_total_and_band(practitioner, network, episode):
    instrument_record(
        by=network.practitioner_a,
        episode=episode,
        instrument="audit",
        answers=answers.audit(4, 4, 4, 2, 2, 0, 0, 0, 2, 0),
    )
    page = html(practitioner.get(reverse("pathway:episode", args=[episode.pk])))
    section = page.split("<h2>Screening instruments</h2>")[1].split("<h2>")[0]
    assert "Alcohol Use Disorders Identification Test (AUDIT)" in section
    assert "18 of 40" in section and "Higher risk" in section
    assert start(episode, "ld-core") in page


def test_a_support_worker_sees_results_but_cannot_start_an_instrument(client, network, episode):
    instrument_record(by=network.practitioner_a, episode=episode, instrument="phq9", answers=answers.phq9())
    c = signed_in(client, network.support_worker_a)
    page = html(c.get(reverse("pathway:episode", args=[episode.pk])))
    assert start(episode, "ld-core") not in page
    assert c.get(start(episode)).status_code == 403
    assert not Finding.objects.exists()


def test_the_timeline_reads_an_instrument_in_words(practitioner, network, episode):
    instrument_record(
        by=network.practitioner_a, episode=episode, instrument="phq9", answers=answers.phq9(3, 3, 3, 3, 3, 0, 0, 0, 1)
    )
    timeline = html(practitioner.get(reverse("pathway:episode", args=[episode.pk]))).split(">Timeline</h2>")[1]
    assert "Instrument completed" in timeline
    assert "Patient Health Questionnaire (PHQ-9)" in timeline
    assert "Moderately severe" in timeline
    assert "Safety prompt raised" in timeline
    assert "Void this entry" in timeline


def test_the_core_screens_urgency_shows_on_the_worklist(practitioner, network, episode):
    instrument_record(
        by=network.practitioner_a,
        episode=episode,
        instrument="ld-core",
        answers=answers.ld_core({"mental_health": "suspected"}, urgency="immediate"),
    )
    page = html(practitioner.get(reverse("pathway:worklist")))
    assert "Immediate" in page
