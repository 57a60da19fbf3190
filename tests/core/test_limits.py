"""Every piece of free text has one limit, kept by the form, the API and the model alike, and
going over it reads as an NHS.UK error message, not Django's generic one."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from liaison.accounts.actions import api_token_create
from liaison.core.errors import Invalid
from liaison.core.forms import NhsForm, NhsTimeField
from liaison.core.limits import NOTE_LIMIT
from liaison.pathway.models import Episode
from tests import factories
from tests.interop.conftest import Api
from tests.interop.test_episodes import identify_body
from tests.people.test_identify_new import valid


class Notes(NhsForm):
    line = forms.CharField(label="Who alerted L&D?", required=False)
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea)
    at = NhsTimeField(label="Time", required=False)


def test_a_text_field_without_a_limit_gets_one_with_an_nhs_message():
    form = Notes({"line": "x" * 161, "note": "x" * (NOTE_LIMIT + 1)})
    assert not form.is_valid()
    assert form.errors["line"] == ["Who alerted L&D must be 160 characters or fewer"]
    assert form.errors["note"] == ["Note must be 4,000 characters or fewer"]


def test_a_time_is_not_measured_as_text():
    form = Notes({"at": "14:30"})
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["at"]) == "14:30:00"


def test_the_limit_is_in_the_page_too():
    assert 'maxlength="160"' in str(Notes()["line"])


def test_a_long_who_alerted_reads_as_the_nhs_would_say_it(client, network):
    client.force_login(network.practitioner_a)
    page = client.post(reverse("people:identify-new"), valid(network, alerted_by="x" * 5000)).content.decode()
    assert "Who alerted L&amp;D must be 160 characters or fewer" in page
    assert "Ensure this value" not in page


def test_a_long_search_has_one_message_and_no_double_full_stop(client, network):
    client.force_login(network.practitioner_a)
    response = client.get(reverse("people:find"), {"q": "a" * 5000})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Name, NHS number or PNC ID must be 100 characters or fewer" in page
    assert "Ensure this value" not in page
    assert ".." not in page.split('<div class="nhsuk-error-summary"')[1].split("</div>")[0]
    assert "Enter a name, NHS number or PNC ID, or a date of birth" not in page


def test_a_100000_character_concerns_note_is_refused_by_the_form(client, network):
    client.force_login(network.practitioner_a)
    page = client.post(reverse("people:identify-new"), valid(network, concerns_note="x" * 100_000)).content.decode()
    assert "Note about the concerns must be 4,000 characters or fewer" in page
    assert not Episode.objects.exists()


def test_and_by_the_api(network):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    body = identify_body(p.id, network.custody_a, concerns_note="x" * 100_000)
    r = Api(api_token_create(user=network.practitioner_a, name="tests")[1]).post("/episodes", body)
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"concerns_note"}
    assert not Episode.objects.exists()


def test_and_by_the_model(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    episode.concerns_note = "x" * 100_000
    with pytest.raises(Invalid) as refused:
        episode.save()
    assert refused.value.errors == {"concerns_note": "Concerns note must be 4,000 characters or fewer"}
    episode.refresh_from_db()
    assert episode.concerns_note == ""


def test_the_model_keeps_a_char_fields_length_on_sqlite_too(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    person.pnc_id = "x" * 15
    with pytest.raises(Invalid) as refused:
        person.save()
    assert "pnc_id" in refused.value.errors
