from datetime import date

from liaison.audit.models import AccessAudit
from liaison.people.models import Person
from tests import factories

VALID_NHS = "9434765919"  # passes modulus 11


def test_search_returns_own_people_in_full_and_others_minimally(network, api_as):
    mine = factories.person(by=network.practitioner_a, scheme=network.scheme_a, family_name="Ashworth")
    theirs = factories.person(
        by=network.practitioner_b, scheme=network.scheme_b, family_name="Ashford", date_of_birth=date(1980, 2, 3)
    )
    api = api_as(network.practitioner_a)
    r = api.get("/people", q="Ash")
    assert r.status_code == 200
    body = r.json()
    assert [p["id"] for p in body["people"]] == [str(mine.id)]
    assert body["people"][0]["registered_by_scheme"] == "A"
    # Another scheme's person only on a close match (ADR 0021): full name and date of birth.
    assert body["known_elsewhere"] == []
    body = api.get("/people", q=theirs.full_name, dob="1980-02-03").json()
    assert body["known_elsewhere"] == [
        {"person_id": str(theirs.id), "name": theirs.full_name, "date_of_birth": "1980-02-03", "known_to": ["Scheme B"]}
    ]


def test_search_writes_an_api_audit_row_for_each_person_shown(network, api_as):
    mine = factories.person(by=network.practitioner_a, scheme=network.scheme_a, family_name="Ashworth")
    theirs = factories.person(
        by=network.practitioner_b, scheme=network.scheme_b, family_name="Ashford", date_of_birth=date(1980, 2, 3)
    )
    api = api_as(network.practitioner_a)
    api.get("/people", q="Ash")
    api.get("/people", q=theirs.full_name, dob="1980-02-03")
    rows = AccessAudit.objects.filter(user=network.practitioner_a, action="search")
    assert {r.person_id for r in rows} == {mine.id, theirs.id}
    assert {r.channel for r in rows} == {"api"}


def test_search_by_date_of_birth(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a, date_of_birth=date(1991, 7, 1))
    factories.person(by=network.practitioner_a, scheme=network.scheme_a, date_of_birth=date(1992, 7, 1))
    body = api_as(network.practitioner_a).get("/people", dob="1991-07-01").json()
    assert [x["id"] for x in body["people"]] == [str(p.id)]


def test_search_refuses_a_date_that_is_not_one(network, api_as):
    r = api_as(network.practitioner_a).get("/people", dob="1991-13-01")
    assert r.status_code == 422
    assert r.json()["code"] == "invalid"
    assert "dob" in r.json()["errors"]


def test_a_commissioner_cannot_search(network, api_as):
    factories.person(by=network.practitioner_a, scheme=network.scheme_a, family_name="Ashworth")
    r = api_as(network.commissioner).get("/people", q="Ash")
    assert r.status_code == 403
    assert r.json()["code"] == "role_not_allowed"


def test_it_records_a_new_person_in_the_users_scheme(network, api_as):
    r = api_as(network.practitioner_a).post(
        "/people",
        {
            "given_name": "Sam",
            "family_name": "Okafor",
            "date_of_birth": "1990-05-17",
            "nhs_number": "943 476 5919",
            "postcode": "ls1 4ap",
            "aliases": [{"family_name": "Oak"}],
            "local_identifiers": [{"system": "custody_record", "value": "CR-1"}],
        },
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["nhs_number"] == VALID_NHS
    assert body["nhs_number_status"] == "unverified"
    assert body["postcode"] == "LS1 4AP"
    assert body["registered_by_scheme"] == "A"
    assert body["aliases"] == [{"given_name": "", "family_name": "Oak"}]
    assert body["local_identifiers"] == [{"scheme": "A", "system": "custody_record", "value": "CR-1"}]
    assert Person.objects.get(id=body["id"]).registered_by_scheme == network.scheme_a


def test_a_bad_nhs_number_is_422_naming_the_field_and_writes_nothing(network, api_as):
    r = api_as(network.practitioner_a).post(
        "/people", {"scheme": "A", "given_name": "Sam", "family_name": "Okafor", "nhs_number": "9434765918"}
    )
    assert r.status_code == 422
    assert r.json()["code"] == "invalid"
    assert set(r.json()["errors"]) == {"nhs_number"}
    assert not Person.objects.exists()


def test_a_missing_name_is_422_from_validation(network, api_as):
    r = api_as(network.practitioner_a).post("/people", {"given_name": "Sam"})
    assert r.status_code == 422
    assert "family_name" in r.json()["errors"]
    assert not Person.objects.exists()


def test_it_refuses_to_record_for_another_scheme(network, api_as):
    r = api_as(network.practitioner_a).post("/people", {"scheme": "B", "given_name": "Sam", "family_name": "Okafor"})
    assert r.status_code == 403
    assert r.json()["code"] == "scheme_not_allowed"
    assert not Person.objects.exists()


def test_it_refuses_an_unknown_scheme_code(network, api_as):
    r = api_as(network.practitioner_a).post("/people", {"scheme": "ZZ", "given_name": "Sam", "family_name": "Okafor"})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"scheme"}


def test_a_support_worker_cannot_record_people(network, api_as):
    r = api_as(network.support_worker_a).post("/people", {"given_name": "Sam", "family_name": "Okafor"})
    assert r.status_code == 403
    assert not Person.objects.exists()


def test_it_opens_a_person_with_their_episodes_and_audits_it(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    r = api_as(network.practitioner_a).get(f"/people/{e.person_id}")
    assert r.status_code == 200
    assert [x["id"] for x in r.json()["episodes"]] == [str(e.id)]
    row = AccessAudit.objects.get(user=network.practitioner_a, person=e.person, action="view")
    assert row.channel == "api"
