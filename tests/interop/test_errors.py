from liaison.people.models import Person
from tests import factories


def test_malformed_json_is_400_bad_request(network, api_as):
    r = api_as(network.practitioner_a).post("/people", raw='{"given_name": "Sam",')
    assert r.status_code == 400
    assert r.json()["code"] == "bad_request"
    assert not Person.objects.exists()


def test_a_body_that_is_not_an_object_is_422(network, api_as):
    r = api_as(network.practitioner_a).post("/people", [1, 2])
    assert r.status_code == 422
    assert r.json()["code"] == "invalid"


def test_validation_errors_name_the_nested_field(network, api_as):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    r = api_as(network.practitioner_a).post(
        f"/episodes/{e.id}/screen", {"findings": [{"domain": "alcohol", "status": 3}], "urgency": "routine"}
    )
    assert r.status_code == 422
    assert r.json()["errors"].keys() == {"findings.0.status"}


def test_text_with_a_nul_character_is_refused_before_the_database(network, api_as):
    r = api_as(network.practitioner_a).post("/people", {"given_name": "Sam\x00", "family_name": "Okafor"})
    assert r.status_code == 422
    assert "given_name" in r.json()["errors"]
    assert not Person.objects.exists()


def test_a_lone_surrogate_is_refused(network, api_as):
    r = api_as(network.practitioner_a).post("/people", raw='{"given_name": "\\ud800", "family_name": "Okafor"}')
    assert r.status_code == 422
    assert "given_name" in r.json()["errors"]


def test_an_overlong_name_is_refused(network, api_as):
    r = api_as(network.practitioner_a).post("/people", {"given_name": "S" * 101, "family_name": "Okafor"})
    assert r.status_code == 422
    assert "given_name" in r.json()["errors"]


def test_an_unknown_route_is_coded_404(network, api_as):
    r = api_as(network.practitioner_a).get("/nowhere/at/all")
    assert (r.status_code, r.json()["code"]) == (404, "not_found")


def test_a_wrong_method_is_coded_405(network, api_as):
    r = api_as(network.practitioner_a).client.delete("/api/v1/people")
    assert (r.status_code, r.json()["code"]) == (405, "method_not_allowed")
    assert "GET" in r["Allow"]


def test_a_huge_site_id_is_an_unknown_site_not_a_crash(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    body = {"person_id": str(p.id), "site": 10**30, "referral_source": "E1", "alerted_by": "x"}
    r = api_as(network.practitioner_a).post("/episodes", body)
    assert r.status_code == 422
    assert "site" in r.json()["errors"]


def test_an_unknown_route_with_a_newline_is_coded_404(network, api_as):
    r = api_as(network.practitioner_a).get("/episodes//%0A/refer")
    assert (r.status_code, r.json()["code"]) == (404, "not_found")


def test_a_time_in_year_one_is_422_not_a_crash(network, api_as):
    p = factories.person(by=network.practitioner_a, scheme=network.scheme_a)
    body = {
        "person_id": str(p.id),
        "site": network.custody_a.code,
        "referral_source": "E1",
        "alerted_by": "Custody sergeant",
        "occurred_at": "0001-01-01T00:00:00+14:00",
    }
    r = api_as(network.practitioner_a).post("/episodes", body)
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"occurred_at"}


def test_a_multipart_body_without_its_boundary_is_a_coded_400(network, api_as):
    # Found by the schemathesis run: Django's own HTML 400 page answered it, from the middleware
    # that reads bodies for characters no database can store.
    client = api_as(network.practitioner_a).client
    r = client.generic("POST", "/api/v1/people", data=b"given_name=Sam", content_type="multipart/form-data")
    assert r.status_code == 400
    assert r.json()["code"] == "bad_request"
