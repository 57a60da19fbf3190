"""GET /api/v1/feedback/results: the same published figures as the pages, never people's words."""

from __future__ import annotations

from tests.feedback.conftest import given


def test_the_results_give_england_as_it_is_and_schemes_published(api_as, network):
    given(network.scheme_a, "very_good", 3, what_was_good="Kind staff")
    response = api_as(network.commissioner).get("/feedback/results")
    assert response.status_code == 200
    body = response.json()
    assert body["england"]["responses"] == 3
    assert body["england"]["positive_percent"] == "100.0"
    assert body["disclosure"] == "published"
    [scheme] = body["schemes"]
    assert scheme["code"] == network.scheme_a.code and scheme["responses"] == "*"
    assert "Kind staff" not in response.content.decode()


def test_a_bad_month_is_a_coded_422(api_as, network):
    response = api_as(network.commissioner).get("/feedback/results", start="2026-13")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_an_end_before_the_start_is_refused(api_as, network):
    response = api_as(network.analyst).get("/feedback/results", start="2026-06", end="2026-01")
    assert response.status_code == 422


def test_a_practitioner_is_refused(api_as, network):
    assert api_as(network.practitioner_a).get("/feedback/results").status_code == 403
