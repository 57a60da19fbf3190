"""The correct-details page: prefilled, validated by the action, its history on the person page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.audit.models import AccessAudit
from liaison.linkage.actions import people_merge
from liaison.pathway.identification.forms import CorrectPersonForm
from liaison.people.actions import CORRECTABLE, details_version
from liaison.people.models import Alias, LocalIdentifier, PersonEvent
from tests import factories


def url(person):
    return reverse("people:correct", args=[person.pk])


@pytest.fixture
def person(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a).person


def posted(person, **changes):
    dob = person.date_of_birth
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth_0": str(dob.day) if dob else "",
        "date_of_birth_1": str(dob.month) if dob else "",
        "date_of_birth_2": str(dob.year) if dob else "",
        "sex": person.sex,
        "gender_identity": person.gender_identity,
        "ethnicity": person.ethnicity,
        "postcode": person.postcode,
        "nhs_number": person.nhs_number,
        "nhs_number_status": person.nhs_number_status,
        "pnc_id": person.pnc_id,
        "alias_given_name": "",
        "alias_family_name": "",
        "local_id_system": "",
        "local_id_value": "",
        "reason": "",
        "version": details_version(person),
    }
    data.update(changes)
    return data


def test_the_form_comes_prefilled_with_the_details_held(client, network, person):
    client.force_login(network.practitioner_a)
    response = client.get(url(person))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert f'value="{person.family_name}"' in html
    assert AccessAudit.objects.filter(what="correct details", user=network.practitioner_a).exists()


def test_a_correction_is_saved_and_shown_in_the_persons_history(client, network, person):
    client.force_login(network.practitioner_a)
    old = person.family_name
    data = posted(person, family_name="Ashwerth", alias_family_name="Ash", reason="Misspelt at the desk")
    response = client.post(url(person), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person", args=[person.pk])
    person.refresh_from_db()
    assert person.family_name == "Ashwerth"
    assert [str(a) for a in Alias.objects.filter(person=person)] == ["Ash"]
    page = client.get(response["Location"]).content.decode()
    assert "Corrections to these details" in page
    assert "Misspelt at the desk" in page
    assert old in page and "Aliases added" in page


def test_a_local_identifier_is_added_for_the_correcting_users_scheme(client, network, person):
    client.force_login(network.practitioner_a)
    data = posted(person, local_id_system="custody_record", local_id_value="CR-77", reason="Custody number given")
    assert client.post(url(person), data).status_code == 302
    added = LocalIdentifier.objects.get(person=person)
    assert (added.scheme, added.value) == (network.scheme_a, "CR-77")


def test_without_a_reason_nothing_is_saved_and_the_error_is_beside_the_box(client, network, person):
    client.force_login(network.practitioner_a)
    response = client.post(url(person), posted(person, given_name="Jordon"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter why you are correcting the details" in html
    assert 'id="id_reason-error"' in html
    person.refresh_from_db()
    assert person.given_name != "Jordon"
    assert not PersonEvent.objects.filter(person=person, kind="person:change").exists()


def test_an_invalid_nhs_number_is_refused_with_the_domains_message(client, network, person):
    client.force_login(network.practitioner_a)
    response = client.post(url(person), posted(person, nhs_number="999 000 0019", reason="Given"))
    assert response.status_code == 200
    assert 'id="id_nhs_number-error"' in response.content.decode()
    assert not PersonEvent.objects.filter(person=person, kind="person:change").exists()


def test_staff_who_see_the_person_but_cannot_record_for_them_get_403_not_the_form(client, network, person):
    # A support worker at the custody suite opens the person's record but records no clinical details.
    client.force_login(network.support_worker_a)
    page = client.get(reverse("people:person", args=[person.pk]))
    assert page.status_code == 200
    assert url(person) not in page.content.decode()
    assert client.get(url(person)).status_code == 403
    assert client.post(url(person), posted(person, given_name="Jordon", reason="Misspelt")).status_code == 403
    person.refresh_from_db()
    assert person.given_name != "Jordon"
    assert not PersonEvent.objects.filter(person=person, kind="person:change").exists()


def test_staff_who_may_not_see_the_person_get_404_so_their_existence_is_not_revealed(client, network, person):
    # The commissioner opens no identifiable records; scheme B's practitioner does not hold this person.
    for user in (network.commissioner, network.practitioner_b):
        client.force_login(user)
        assert client.get(url(person)).status_code == 404


def test_the_form_prefills_every_detail_a_correction_may_change_by_name(network, person):
    form = CorrectPersonForm(person=person)
    assert set(form.initial) == {*CORRECTABLE, "version"}
    assert {name: form.initial[name] for name in CORRECTABLE} == {name: getattr(person, name) for name in CORRECTABLE}


def test_the_person_page_offers_the_correction_to_those_who_may_make_it(client, network, person):
    client.force_login(network.practitioner_a)
    assert url(person) in client.get(reverse("people:person", args=[person.pk])).content.decode()


def test_a_form_opened_before_another_correction_does_not_undo_it(client, network, person):
    client.force_login(network.practitioner_a)
    html = client.get(url(person)).content.decode()
    shown = html.split('name="version" value="')[1].split('"')[0]
    stale = posted(person, date_of_birth_2="1991", reason="Year was wrong", version=shown)
    # Meanwhile a colleague corrects the last name.
    client.post(url(person), posted(person, family_name="Ashwerth", reason="Misspelt", version=shown))
    response = client.post(url(person), stale)
    assert response.status_code == 302
    assert response["Location"] == url(person)
    person.refresh_from_db()
    assert person.family_name == "Ashwerth"
    assert person.date_of_birth is not None and person.date_of_birth.year != 1991
    assert "Someone else corrected these details" in client.get(url(person)).content.decode()


def test_a_record_merged_while_the_form_was_open_sends_the_user_to_the_kept_one(client, network, person):
    kept = factories.person(by=network.practitioner_a, scheme=network.scheme_a, given_name="Kept")
    client.force_login(network.practitioner_a)
    data = posted(person, given_name="Jordon", reason="Misspelt")
    people_merge(by=network.team_lead_a, keep=kept, absorb=person, reason="Same person")
    response = client.post(url(person), data)
    assert response.status_code == 302
    assert response["Location"] == url(kept)
    assert not PersonEvent.objects.filter(kind="person:change").exists()


def test_a_local_identifier_another_person_holds_is_refused_beside_the_box(client, network, person):
    other = factories.person(
        by=network.practitioner_a, scheme=network.scheme_a, local_identifiers=[("custody_record", "CR-1")]
    )
    client.force_login(network.practitioner_a)
    data = posted(person, local_id_system="custody_record", local_id_value="CR-1", reason="Custody number")
    response = client.post(url(person), data)
    assert response.status_code == 200
    assert "CR-1 is already recorded for another person in this scheme" in response.content.decode()
    assert LocalIdentifier.objects.get(value="CR-1").person == other
