"""NUL and lone surrogates never reach the database: 422 with the field named, API and pages."""

from __future__ import annotations

import pytest
from django.test import Client

from liaison.core.characters import MESSAGE
from liaison.people.models import Person
from tests.interop.conftest import Api, api_as  # noqa: F401


@pytest.fixture
def api(network, api_as):  # noqa: F811
    return api_as(network.practitioner_a)


@pytest.fixture
def page(client: Client, network) -> Client:
    client.force_login(network.practitioner_a)
    return client


def _refused(response, field: str) -> dict:
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and field in body["errors"]
    return body


def test_a_nul_in_an_api_query_string_is_a_422_naming_it(api: Api):
    _refused(api.client.get("/api/v1/services?q=%00abc"), "q")


def test_the_same_search_without_it_answers(api: Api):
    assert api.get("/services", q="abc").status_code == 200


def test_a_nul_in_a_json_body_is_a_422_naming_the_field(api: Api, network):
    body = {"given_name": "Al\u0000ex", "family_name": "Test", "site": network.custody_a.pk}
    _refused(api.post("/episodes", body), "given_name")


def test_a_lone_surrogate_in_a_json_body_is_refused_too(api: Api):
    raw = '{"reason": "broken \\ud800 text", "notes": ["ok", "\\u0000"]}'
    body = _refused(api.post("/episodes", raw=raw), "reason")
    assert "notes.1" in body["errors"]


def test_a_nul_in_the_path_is_refused(api: Api):
    _refused(api.client.get("/api/v1/returns/A%00/2025-01"), "path")


def test_fhir_answers_with_an_operation_outcome(client: Client):
    response = client.get("/fhir/r4/Questionnaire?name=%00")
    assert response.status_code == 422
    assert response.json()["resourceType"] == "OperationOutcome"


def test_a_page_search_with_a_nul_is_the_forms_error(page: Client):
    response = page.get("/people/?q=Al%00ex")
    assert response.status_code == 200
    assert response.context["form"].errors["q"] == [f"Name, NHS number or PNC ID: {MESSAGE[0].lower()}{MESSAGE[1:]}"]


def test_a_form_posted_with_a_nul_is_the_forms_error_and_writes_nothing(page: Client, network):
    response = page.post("/people/identify/", {"given_name": "Al\x00ex", "family_name": "Test", "site": "\x00"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"given_name", "site"}
    assert not Person.objects.exists()


def test_a_nul_in_a_pages_path_is_a_422_page(page: Client):
    response = page.get("/reporting/returns/A%00/2025-01/")
    assert response.status_code == 422
    assert b"There is a problem" in response.content and b"null character" in response.content


def test_a_nul_in_an_admin_search_is_refused(client: Client, network, django_user_model):
    admin = django_user_model.objects.create_superuser(username="root", password=None)
    client.force_login(admin)
    assert client.get("/admin/accounts/user/?q=%00").status_code == 422


def test_a_cookie_with_a_nul_is_refused(client: Client, db):
    client.cookies["sessionid"] = "abcdefgh\x00ijk"
    assert client.get("/").status_code == 422
