from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.models import Alias, LocalIdentifier, Person
from tests import factories

URL = reverse("people:identify-new")


def valid(network, **changes):
    data = {
        "given_name": "Robin",
        "family_name": "Hartley",
        "date_of_birth_0": "3",
        "date_of_birth_1": "11",
        "date_of_birth_2": "1988",
        "sex": "2",
        "gender_identity": "2",
        "ethnicity": "A",
        "postcode": "ls1 4ap",
        "nhs_number": "999 000 0018",
        "nhs_number_status": "unverified",
        "pnc_id": "",
        "alias_given_name": "",
        "alias_family_name": "Hart",
        "local_id_system": "custody_record",
        "local_id_value": "CR-1234",
        "site": str(network.custody_a.pk),
        "point_of_contact": "",
        "referral_source": "E1",
        "alerted_by": "Custody sergeant",
        "concerns": ["mental_health", "alcohol"],
        "concerns_note": "Says he has not slept for days",
        "identified_date_0": "",
        "identified_date_1": "",
        "identified_date_2": "",
        "identified_time": "",
    }
    data.update(changes)
    return data


def counts():
    return (Person.objects.count(), Episode.objects.count(), PathwayEvent.objects.count(), Alias.objects.count())


def test_it_renders_the_form_with_only_my_sites(client, network):
    client.force_login(network.practitioner_a)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert network.custody_a.name in html and network.court_a.name in html
    assert network.custody_b.name not in html
    assert '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Concerns raised</legend>' in html
    # Several concerns can be raised at once: checkboxes, not radios.
    assert 'name="concerns" type="checkbox" value="mental_health"' in html
    assert 'name="sex" type="radio" value="2"' in html
    assert 'for="id_date_of_birth_0"' in html


def test_it_records_the_person_and_opens_their_episode(client, network):
    client.force_login(network.practitioner_a)
    before = timezone.now()
    response = client.post(URL, valid(network))
    episode = Episode.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pathway:episode", args=[episode.pk])
    person = episode.person
    assert (person.full_name, person.postcode, person.nhs_number) == ("Robin Hartley", "LS1 4AP", "9990000018")
    assert person.registered_by_scheme == network.scheme_a
    assert [str(a) for a in person.aliases.all()] == ["Hart"]
    assert LocalIdentifier.objects.get().value == "CR-1234"
    # Blank point of contact means the site's usual one; a blank date and time mean now.
    assert episode.point_of_contact == "custody"
    assert episode.identified_at >= before
    assert episode.concerns == ["alcohol", "mental_health"]
    assert list(episode.events.values_list("kind", flat=True)) == ["episode:identify"]


def test_it_records_the_date_and_time_given(client, network):
    client.force_login(network.practitioner_a)
    at = timezone.localtime() - timedelta(days=1)
    data = valid(
        network,
        identified_date_0=str(at.day),
        identified_date_1=str(at.month),
        identified_date_2=str(at.year),
        identified_time=at.strftime("%H:%M"),
    )
    client.post(URL, data)
    identified = timezone.localtime(Episode.objects.get().identified_at)
    assert identified.strftime("%Y-%m-%d %H:%M") == at.strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"nhs_number": "999 000 0017"}, "Enter a valid NHS number: the check digit does not match"),
        ({"postcode": "NOT A CODE"}, "Enter a full UK postcode, like LS1 4AP"),
        ({"given_name": "  ", "family_name": ""}, "Enter the person&#x27;s last name"),
        ({"pnc_id": "2019/0012345A"}, "Enter a valid PNC ID: the check letter does not match"),
        ({"referral_source": ""}, "Select who referred the person (referral source)"),
        ({"alerted_by": ""}, "Enter who alerted the L&amp;D team"),
        ({"date_of_birth_2": ""}, "Date must include a year"),
        ({"identified_time": "14:30"}, "Enter both the date and the time, or neither for now"),
        ({"concerns": ["not_a_concern"]}, "Select a valid choice"),
    ],
)
def test_bad_input_re_renders_with_the_error_summary_and_writes_nothing(client, network, changes, message):
    client.force_login(network.practitioner_a)
    before = counts()
    response = client.post(URL, valid(network, **changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert "<title>Error: " in html
    assert counts() == before


def test_it_refuses_a_site_of_another_scheme_and_writes_nothing(client, network):
    client.force_login(network.practitioner_a)
    response = client.post(URL, valid(network, site=str(network.custody_b.pk)))
    assert "Select one of your sites" in response.content.decode()
    assert counts() == (0, 0, 0, 0)


def test_a_domain_refusal_after_the_person_is_written_rolls_everything_back(client, network):
    """A custody record number already in use is found only once the person row exists."""
    other = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    LocalIdentifier.objects.create(person=other, scheme=network.scheme_a, system="custody_record", value="CR-1234")
    client.force_login(network.practitioner_a)
    before = counts()
    response = client.post(URL, valid(network))
    assert "CR-1234 is already recorded for another person in this scheme" in response.content.decode()
    assert counts() == before


def test_a_future_identification_time_is_refused(client, network):
    client.force_login(network.practitioner_a)
    at = timezone.localtime() + timedelta(days=2)
    data = valid(
        network,
        identified_date_0=str(at.day),
        identified_date_1=str(at.month),
        identified_date_2=str(at.year),
        identified_time="10:00",
    )
    response = client.post(URL, data)
    assert "The date and time must not be in the future" in response.content.decode()
    assert counts() == (0, 0, 0, 0)


def test_it_prefills_the_name_and_date_of_birth_from_the_search(client, network):
    client.force_login(network.practitioner_a)
    html = client.get(URL, {"q": "Sam Nobody", "dob": "1990-05-17"}).content.decode()
    assert 'name="given_name" type="text" value="Sam"' in html
    assert 'name="family_name" type="text" value="Nobody"' in html
    assert 'name="date_of_birth_2" type="text" inputmode="numeric" value="1990"' in html


def test_it_prefills_an_nhs_number_from_the_search(client, network):
    client.force_login(network.practitioner_a)
    html = client.get(URL, {"q": "999 000 0018", "dob": "nonsense"}).content.decode()
    assert 'name="nhs_number" type="text" value="9990000018"' in html


def test_roles_that_do_not_record_are_refused(client, network):
    for user in (network.commissioner, network.analyst, network.support_worker_a):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, valid(network)).status_code == 403
    assert counts() == (0, 0, 0, 0)


def test_a_listed_role_of_who_alerted_lets_the_referral_source_and_words_be_left_blank(client, network):
    client.force_login(network.practitioner_a)
    response = client.post(URL, valid(network, referral_source="", alerted_by="", alerted_by_code="appropriate_adult"))
    assert response.status_code == 302
    episode = Episode.objects.get()
    assert (episode.referral_source, episode.alerted_by, episode.alerted_by_code) == (
        "M6",
        "Appropriate adult",
        "appropriate_adult",
    )


def test_the_form_offers_the_listed_roles_of_who_alerted(client, network):
    client.force_login(network.practitioner_a)
    html = client.get(URL).content.decode()
    for role in ("Solicitor", "Custody healthcare professional", "Appropriate adult"):
        assert f">{role}</option>" in html


@pytest.mark.parametrize("retired", ["young_person", "woman"])
def test_young_person_and_woman_are_not_offered_as_concerns(client, network, retired):
    client.force_login(network.practitioner_a)
    assert f'value="{retired}"' not in client.get(URL).content.decode()
