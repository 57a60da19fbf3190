"""Correcting a person over the API: the same action as the page, partial, evented, scoped."""

from liaison.audit.models import AccessAudit
from liaison.people.codes import NhsNumberStatus
from liaison.people.models import Alias, Person, PersonEvent
from tests import factories

VALID_NHS = "9434765919"  # passes modulus 11
OTHER_NHS = "9990000018"


def person_of_a(network, **fields):
    return factories.episode(by=network.practitioner_a, site=network.custody_a, **fields).person


def changes(person):
    return [e.data["changes"] for e in PersonEvent.objects.filter(person=person, kind="person:change").order_by("id")]


def test_a_patch_changes_only_the_fields_sent_and_keeps_why(network, api_as):
    person = person_of_a(network)
    before = Person.objects.values().get(pk=person.pk)
    r = api_as(network.practitioner_a).patch(f"/people/{person.pk}", {"given_name": "Jordon", "reason": "Misspelt"})
    assert r.status_code == 200
    assert r.json()["given_name"] == "Jordon"
    after = Person.objects.values().get(pk=person.pk)
    assert {k for k in after if after[k] != before[k]} == {"given_name"}
    assert changes(person) == [{"given_name": [before["given_name"], "Jordon"]}]
    assert AccessAudit.objects.filter(person=person, what="api: correct details", channel="api").exists()


def test_a_changed_number_sent_without_a_status_is_unverified(network, api_as):
    person = person_of_a(network)
    api = api_as(network.practitioner_a)
    verified = {"nhs_number": VALID_NHS, "nhs_number_status": "verified", "reason": "Traced on PDS"}
    assert api.patch(f"/people/{person.pk}", verified).json()["nhs_number_status"] == NhsNumberStatus.VERIFIED
    # The same number again, status unsaid: still verified, and nothing written.
    again = api.patch(f"/people/{person.pk}", {"nhs_number": "943 476 5919", "reason": "Same"})
    assert again.json()["nhs_number_status"] == NhsNumberStatus.VERIFIED
    assert len(changes(person)) == 1
    moved = api.patch(f"/people/{person.pk}", {"nhs_number": OTHER_NHS, "reason": "Wrong number given"})
    assert moved.json()["nhs_number_status"] == NhsNumberStatus.UNVERIFIED


def test_a_null_means_not_known(network, api_as):
    person = person_of_a(network)
    r = api_as(network.practitioner_a).patch(f"/people/{person.pk}", {"date_of_birth": None, "reason": "Not the DOB"})
    assert r.status_code == 200
    person.refresh_from_db()
    assert person.date_of_birth is None


def test_bad_details_are_422_naming_the_field_and_write_nothing(network, api_as):
    person = person_of_a(network)
    r = api_as(network.practitioner_a).patch(f"/people/{person.pk}", {"nhs_number": "9434765918", "reason": "x"})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"nhs_number"}
    no_reason = api_as(network.practitioner_a).patch(f"/people/{person.pk}", {"given_name": "Jo", "reason": " "})
    assert no_reason.status_code == 422
    assert set(no_reason.json()["errors"]) == {"reason"}
    assert changes(person) == []


def test_another_schemes_person_is_404_and_a_commissioner_cannot_correct(network, api_as):
    person = person_of_a(network)
    body = {"given_name": "Jo", "reason": "x"}
    assert api_as(network.practitioner_b).patch(f"/people/{person.pk}", body).status_code == 404
    assert api_as(network.commissioner).patch(f"/people/{person.pk}", body).status_code == 404
    assert changes(person) == []


def test_an_alias_is_added_once(network, api_as):
    person = person_of_a(network)
    api = api_as(network.practitioner_a)
    first = api.post(f"/people/{person.pk}/aliases", {"given_name": "Jo", "family_name": "Ash", "reason": "Said so"})
    assert first.status_code == 201
    assert first.json()["aliases"] == [{"given_name": "Jo", "family_name": "Ash"}]
    again = api.post(f"/people/{person.pk}/aliases", {"given_name": "JO", "family_name": "ash", "reason": "Again"})
    assert again.status_code == 200
    assert Alias.objects.filter(person=person).count() == 1
    blank = api.post(f"/people/{person.pk}/aliases", {"family_name": "  ", "reason": "x"})
    assert blank.status_code == 422
