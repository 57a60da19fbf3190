"""`GET /api/v1/network/coverage?on=YYYY-MM-DD`: England's population, the part covered and the
percentage on the date, and the same for each region and force area (issue 9, fixed interface)."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.core import clock
from liaison.geography.models import LocalAuthority
from liaison.organisations.models import Footprint
from tests.interop.conftest import Api


@pytest.fixture
def liverpool(network):
    la = LocalAuthority.objects.get(code="E08000012")
    Footprint.objects.create(scheme=network.scheme_a, local_authority=la, effective_from=date(2014, 4, 1))
    return network


def test_it_gives_england_then_each_region_and_force_area(liverpool, api_as):
    r = api_as(liverpool.commissioner).get("/network/coverage", on="2015-03-31")
    assert r.status_code == 200
    body = r.json()
    assert list(body) == ["on", "england", "regions", "force_areas"]
    assert body["on"] == "2015-03-31"
    assert body["england"] == {"population": 57_690_323, "covered": 503_740, "percent": 0.9}
    assert len(body["regions"]) == 9 and len(body["force_areas"]) == 39
    merseyside = next(f for f in body["force_areas"] if f["code"] == "E23000004")
    assert merseyside == {
        "code": "E23000004",
        "name": "Merseyside",
        "population": 1_456_562,
        "covered": 503_740,
        "percent": 34.6,
    }
    london = next(r for r in body["regions"] if r["name"] == "London")
    assert (london["code"], london["covered"], london["percent"]) == ("E12000007", 0, 0.0)


@pytest.mark.parametrize("role", ["practitioner_a", "team_lead_a", "support_worker_a", "commissioner", "analyst"])
def test_every_signed_in_role_may_read_it(liverpool, api_as, role):
    assert api_as(getattr(liverpool, role)).get("/network/coverage", on="2015-03-31").status_code == 200


def test_without_a_token_it_is_401(liverpool):
    r = Api(None).get("/network/coverage", on="2015-03-31")
    assert (r.status_code, r.json()["code"]) == (401, "unauthenticated")


@pytest.mark.parametrize(
    "on", ["31/03/2015", "2015-3-31", "2015-02-30", "2015-13-01", "", "yesterday", "2015-03-31T00:00"]
)
def test_a_bad_date_is_a_coded_422_naming_the_parameter(liverpool, api_as, on):
    r = api_as(liverpool.commissioner).get("/network/coverage", on=on)
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid"
    assert "YYYY-MM-DD" in body["message"] or "not a date" in body["message"]
    assert "on" in body["errors"]


def test_without_a_date_it_is_today(liverpool, api_as):
    body = api_as(liverpool.commissioner).get("/network/coverage").json()
    assert body["on"] == clock.today().isoformat()
    assert body["england"]["covered"] == 503_740


# A trailing newline, and fullwidth and Arabic-Indic digits, which `\d` would take.
@pytest.mark.parametrize("on", ["2015-03-31\n", "\uff12\uff10\uff11\uff15-03-31", "\u0662\u0660\u0661\u0665-03-31"])
def test_only_plain_digits_make_a_date(liverpool, api_as, on):
    assert api_as(liverpool.commissioner).get("/network/coverage", on=on).status_code == 422
