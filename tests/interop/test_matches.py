"""GET /api/v1/people/matches: "Seen before?" on the API."""

from __future__ import annotations

import pytest

from liaison.audit.models import AccessAudit
from liaison.linkage import model
from liaison.people.models import Person
from tests.conftest import Network
from tests.linkage.conftest import NHS_NUMBER, small_register


@pytest.fixture
def register(network: Network) -> dict[str, Person]:
    return small_register(network)


def test_matches_come_best_first_with_probability_and_reasons(network, api_as, register: dict[str, Person]) -> None:
    r = api_as(network.practitioner_a).get(
        "/people/matches", given_name="Jordon", family_name="Ashworth", date_of_birth="1990-05-17", sex="1"
    )
    assert r.status_code == 200
    body = r.json()
    assert body["model_version"] == model.current().version
    first = body["items"][0]
    assert first["person"]["id"] == str(register["jordan"].pk)
    assert first["person"]["given_name"] == "Jordan"
    assert 0.9 < first["probability"] <= 1
    assert {a["field"] for a in first["agreements"]} == {"given_name", "family_name", "date_of_birth", "sex"}
    assert first["known_to"] == ["Scheme A"]
    assert len(body["items"]) <= 10


def test_an_exact_nhs_number_comes_first(network, api_as, register: dict[str, Person]) -> None:
    body = (
        api_as(network.practitioner_a)
        .get(
            "/people/matches",
            given_name="Jordan",
            family_name="Ashworth",
            date_of_birth="1990-05-17",
            nhs_number=NHS_NUMBER,
        )
        .json()
    )
    assert body["items"][0]["person"]["id"] == str(register["numbered"].pk)
    assert body["items"][0]["exact_identifier"] is True


def test_people_of_other_schemes_come_with_minimal_identity(network, api_as, register: dict[str, Person]) -> None:
    body = (
        api_as(network.practitioner_a)
        .get("/people/matches", given_name="Robert", family_name="Kowalski", date_of_birth="1979-08-04")
        .json()
    )
    person = body["items"][0]["person"]
    assert person["id"] == str(register["elsewhere"].pk)
    assert person["record_open_to_you"] is False
    assert person["name"] == "Robert Kowalski"
    assert person["postcode"] is None and person["given_name"] is None
    assert body["items"][0]["known_to"] == ["Scheme B"]


def test_every_person_offered_is_audited_as_found_in_a_search(network, api_as, register: dict[str, Person]) -> None:
    body = (
        api_as(network.practitioner_a)
        .get("/people/matches", given_name="Robert", family_name="Kowalski", date_of_birth="1979-08-04")
        .json()
    )
    rows = AccessAudit.objects.filter(user=network.practitioner_a, action="search", channel="api")
    assert {str(r.person_id) for r in rows} == {i["person"]["id"] for i in body["items"]}


def test_nothing_given_finds_nobody_and_audits_nothing(network, api_as, register: dict[str, Person]) -> None:
    assert api_as(network.practitioner_a).get("/people/matches").json()["items"] == []
    assert not AccessAudit.objects.filter(user=network.practitioner_a, action="search").exists()


def test_roles_that_may_not_search_are_refused(network, api_as, register: dict[str, Person]) -> None:
    r = api_as(network.commissioner).get("/people/matches", family_name="Ashworth")
    assert r.status_code == 403


def test_a_date_that_is_not_a_date_is_a_clear_error_not_a_500(network, api_as) -> None:
    r = api_as(network.practitioner_a).get("/people/matches", date_of_birth="17/05/1990")
    assert r.status_code in (400, 422)
