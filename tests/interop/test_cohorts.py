"""`GET /api/v1/cohorts`: the page's figures as JSON, with the same disclosure rule."""

from __future__ import annotations

from tests.reporting import test_cohort_page

# The page's fixtures: a store with a cohort of scheme A five months ago.
analytics = test_cohort_page.analytics
cohort = test_cohort_page.cohort


def params(month):
    return {"area": "scheme:A", "start": month, "end": month}


def test_the_api_publishes_for_the_commissioner_and_says_so(api_as, network, cohort):
    body = api_as(network.commissioner).get("/cohorts", **params(cohort)).json()

    assert body["disclosure"] == "published"
    (line,) = body["lines"]
    assert line["key"] == cohort
    assert line["figures"]["people"] == {"figure": 10, "percentage": None, "known": True}
    assert line["figures"]["recontact_3_months"]["figure"] == "*"
    assert line["figures"]["recontact_6_months"] == {"figure": None, "percentage": None, "known": False}


def test_the_api_gives_the_schemes_own_staff_their_figures_not_for_publication(api_as, network, cohort):
    body = api_as(network.team_lead_a).get("/cohorts", **params(cohort)).json()

    assert body["disclosure"] == "not for publication"
    assert body["lines"][0]["figures"]["recontact_3_months"] == {"figure": 3, "percentage": "33.3", "known": True}


def test_the_api_refuses_a_bad_area_with_a_message(api_as, network, cohort):
    response = api_as(network.commissioner).get("/cohorts", area="scheme:NOPE")

    assert response.status_code == 422 and "area" in response.json()["errors"]
