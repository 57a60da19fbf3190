""" "Seen before?" at identification: a known person is offered before a new one is recorded."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from liaison.audit.models import AccessAudit
from liaison.pathway.models import Episode
from liaison.people.models import Person
from tests import factories
from tests.people.test_identify_new import valid

URL = reverse("people:identify-new")


def _known(network, **details) -> Person:
    fields = {"given_name": "Robin", "family_name": "Hartley", "date_of_birth": date(1988, 11, 3), "sex": "2"}
    fields.update(details)
    return factories.person(by=network.practitioner_a, scheme=network.scheme_a, **fields)


def _typed(network, **changes):
    # Typed as a new user would: a typo in the last name, no NHS number.
    return valid(network, family_name="Hartly", nhs_number="", nhs_number_status="", **changes)


def test_details_close_to_a_known_person_offer_them_before_recording_anyone(client, network):
    known = _known(network)
    client.force_login(network.practitioner_a)
    response = client.post(URL, _typed(network))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Seen before?" in html
    assert "Robin Hartley" in html and "This is the same person" in html
    assert reverse("people:identify-existing", args=[known.pk]) in html
    assert Person.objects.count() == 1 and Episode.objects.count() == 0


def test_this_is_the_same_person_opens_an_episode_on_their_record(client, network):
    known = _known(network)
    client.force_login(network.practitioner_a)
    carried = _typed(network)
    response = client.post(reverse("people:identify-existing", args=[known.pk]), carried)
    episode = Episode.objects.get()
    assert response.status_code == 302 and response.url == reverse("pathway:episode", args=[episode.pk])
    assert episode.person == known and Person.objects.count() == 1


def test_this_is_a_new_person_records_them_after_all(client, network):
    _known(network)
    client.force_login(network.practitioner_a)
    response = client.post(URL, {**_typed(network), "not_seen_before": "1"})
    assert response.status_code == 302
    assert Person.objects.count() == 2 and Episode.objects.count() == 1


def test_nobody_close_records_the_new_person_at_once(client, network):
    _known(network, given_name="Alexis", family_name="Nkemelu", date_of_birth=date(1970, 1, 1))
    client.force_login(network.practitioner_a)
    response = client.post(URL, _typed(network))
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_someone_of_another_scheme_is_offered_with_minimal_identity_and_audited(client, network):
    theirs = factories.person(
        by=network.practitioner_b,
        scheme=network.scheme_b,
        given_name="Robin",
        family_name="Hartley",
        date_of_birth=date(1988, 11, 3),
        postcode="LS1 4AP",
    )
    client.force_login(network.practitioner_a)
    html = client.post(URL, _typed(network)).content.decode()
    assert "Scheme B" in html and reverse("people:break-glass", args=[theirs.pk]) in html
    assert "LS1 4AP" not in html
    assert reverse("people:identify-existing", args=[theirs.pk]) not in html
    assert AccessAudit.objects.filter(user=network.practitioner_a, person=theirs, action="search").exists()
