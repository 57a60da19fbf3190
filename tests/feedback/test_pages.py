"""The feedback pages: the form anyone can fill in, and the results staff read."""

from __future__ import annotations

import pytest
from django.test import Client

from liaison.core import clock
from liaison.feedback.actions import action_record
from liaison.feedback.models import Action, FeedbackResponse

from .conftest import given

ANSWERS = {"overall": "very_good", "listened": "yes", "format": "on_screen", "language": "en"}


def test_the_form_asks_which_service_when_no_link_named_one(client: Client, network):
    response = client.get("/feedback/")
    assert response.status_code == 200
    assert "Which liaison and diversion service saw you?" in response.content.decode()
    assert network.scheme_a.name in response.content.decode()


def test_a_link_naming_an_unknown_service_asks_which_service_instead(client: Client, network):
    response = client.get("/feedback/?scheme=NOPE")
    assert response.status_code == 200
    assert "Choose the service that saw you" in response.content.decode()


def test_a_person_gives_feedback_without_signing_in_and_sees_what_the_service_changed(client: Client, network):
    action_record(
        scheme=network.scheme_a, you_said="The cell was cold", we_did="We ask for a blanket first",
        done_on=clock.today(), by=network.team_lead_a,
    )  # fmt: skip
    url = f"/feedback/?scheme={network.scheme_a.code}&site={network.custody_a.pk}"
    page = client.get(url).content.decode()
    assert "Overall, how was your experience of our service?" in page
    assert "police officer dealing with your case should not help" in page
    response = client.post(url, ANSWERS)
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you" in thanks and "We ask for a blanket first" in thanks
    stored = FeedbackResponse.objects.get()
    assert (stored.scheme, stored.site, stored.overall, stored.listened) == (
        network.scheme_a, network.custody_a, "very_good", "yes"
    )  # fmt: skip


def test_a_missing_answer_comes_back_with_the_question_named_and_nothing_stored(client: Client, network):
    response = client.post(f"/feedback/?scheme={network.scheme_a.code}", {**ANSWERS, "overall": ""})
    assert response.status_code == 200
    assert "Choose how your experience was overall" in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_overlong_words_are_refused_with_a_plain_message(client: Client, network):
    response = client.post(f"/feedback/?scheme={network.scheme_a.code}", {**ANSWERS, "what_was_good": "x" * 1001})
    assert "What was good must be 1,000 characters or fewer" in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_one_device_sending_too_much_feedback_is_asked_to_wait(client: Client, network, settings):
    settings.FEEDBACK_PER_HOUR = 2
    url = f"/feedback/?scheme={network.scheme_a.code}"
    assert [client.post(url, ANSWERS).status_code for _ in range(3)] == [302, 302, 429]
    assert FeedbackResponse.objects.count() == 2
    other = Client(REMOTE_ADDR="192.0.2.9")
    assert other.post(url, ANSWERS).status_code == 302


def test_the_results_show_england_and_each_service_seen_with_small_counts_suppressed(client: Client, network):
    given(network.scheme_a, "good", 3)
    client.force_login(network.commissioner)
    page = client.get("/feedback/results/").content.decode()
    assert "Percentage of people who said their experience was good or very good" in page
    assert "<svg" in page and network.scheme_a.name in page
    assert network.scheme_b.name not in page  # the commissioner sees scheme A's reports only
    assert ">*<" in page  # three answers at a scheme: suppressed


def test_a_practitioner_is_refused_the_results(client: Client, network):
    client.force_login(network.practitioner_a)
    assert client.get("/feedback/results/").status_code == 403


def test_a_bad_month_is_named(client: Client, network):
    client.force_login(network.commissioner)
    response = client.get("/feedback/results/?start=2026-13&end=x")
    page = response.content.decode()
    assert response.status_code == 200
    assert "From month must be a month like 2026-01" in page and "To month must be a month like 2026-01" in page


def test_the_schemes_lead_reads_what_people_wrote_and_the_commissioner_does_not(client: Client, network):
    given(network.scheme_a, "poor", 1, what_could_be_better="Explain things slower")
    url = f"/feedback/results/{network.scheme_a.code}/"
    client.force_login(network.team_lead_a)
    assert "Explain things slower" in client.get(url).content.decode()
    client.force_login(network.commissioner)
    page = client.get(url).content.decode()
    assert "Explain things slower" not in page and "What people wrote" not in page


def test_the_lead_records_and_withdraws_you_said_we_did_through_the_pages(client: Client, network):
    client.force_login(network.team_lead_a)
    url = f"/feedback/results/{network.scheme_a.code}/you-said-we-did/"
    today = clock.today()
    posted = client.post(
        url,
        {"you_said": "Long waits", "we_did": "Evening cover", "done_on_0": today.day, "done_on_1": today.month,
         "done_on_2": today.year},
    )  # fmt: skip
    assert posted.status_code == 302
    action = Action.objects.get()
    empty = client.post(f"/feedback/you-said-we-did/{action.pk}/withdraw/", {"reason": ""})
    assert "Enter why it is withdrawn" in empty.content.decode()
    client.post(f"/feedback/you-said-we-did/{action.pk}/withdraw/", {"reason": "Wrong scheme"})
    action.refresh_from_db()
    assert action.withdrawn_reason == "Wrong scheme"


def test_the_commissioner_cannot_record_for_a_scheme(client: Client, network):
    client.force_login(network.commissioner)
    assert client.get(f"/feedback/results/{network.scheme_a.code}/you-said-we-did/").status_code == 403


def test_the_poster_holds_the_forms_address_and_a_qr_code(client: Client, network):
    client.force_login(network.team_lead_a)
    page = client.get(f"/feedback/results/{network.scheme_a.code}/poster/?site={network.custody_a.pk}")
    body = page.content.decode()
    assert f"/feedback/?scheme={network.scheme_a.code}&amp;site={network.custody_a.pk}" in body
    assert "<svg" in body and "QR code for" in body


@pytest.mark.parametrize("who", ["team_lead_a", "commissioner"])
def test_a_group_its_meeting_and_a_decision_are_recorded_through_the_pages(client: Client, network, who):
    user = getattr(network, who)
    client.force_login(user)
    today = clock.today()
    day = {"_0": today.day, "_1": today.month, "_2": today.year}
    owner = network.scheme_a.code if who == "team_lead_a" else "national"
    made = client.post(
        "/feedback/involvement/new/",
        {"name": "Voices panel", "kind": "panel", "owner": owner, **{f"started_on{k}": v for k, v in day.items()}},
    )
    assert made.status_code == 302, made.content.decode()[:2000]
    group_url = made["Location"]
    decision_first = client.get(f"{group_url}decisions/new/")
    assert decision_first.status_code == 302 and decision_first["Location"].endswith("/meetings/new/")
    met = client.post(
        f"{group_url}meetings/new/",
        {"attended": "7", "with_lived_experience": "5", "summary": "The leaflet",
         **{f"held_on{k}": v for k, v in day.items()}},
    )  # fmt: skip
    assert met.status_code == 302
    form = client.get(f"{group_url}decisions/new/").content.decode()
    assert "Which meeting informed it?" in form
    from liaison.feedback.models import Meeting

    meeting = Meeting.objects.get()
    decided = client.post(
        f"{group_url}decisions/new/",
        {"meeting": str(meeting.pk), "area": "information", "decision": "A new leaflet", "decided_by": "The board",
         "influence": "Fewer words", **{f"decided_on{k}": v for k, v in day.items()}},
    )  # fmt: skip
    assert decided.status_code == 302
    page = client.get(group_url).content.decode()
    assert "A new leaflet" in page and "7 took part, 5 of them with lived experience" in page
    listing = client.get("/feedback/involvement/").content.decode()
    assert "Voices panel" in listing
