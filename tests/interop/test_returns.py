"""The returns API: the month's returns of every scheme in view, one return as JSON and CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from liaison.core import clock
from liaison.reporting.actions import return_submit
from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.store import LONDON
from tests import factories


@pytest.fixture
def last_month(network):
    month = factories.episodes_last_month(by=network.practitioner_a, site=network.custody_a)
    refresh_in_turn()
    return month


def figure(body, measure, name="value"):
    (m,) = [m for m in body["measures"] if m["name"] == measure]
    (row,) = m["rows"]
    return row["figures"][name]


def test_the_commissioner_gets_every_scheme_in_view_with_published_figures(network, api_as, last_month):
    r = api_as(network.commissioner).get("/returns", month=last_month)
    assert r.status_code == 200
    (item,) = r.json()["items"]
    assert (item["scheme_code"], item["version"], item["disclosure"]) == ("A", None, "published")
    assert figure(item, "identified") == 10  # 9, rounded to the nearest 5


def test_a_submitted_return_comes_back_as_submitted_and_unrounded_to_its_own_lead(network, api_as, last_month):
    submitted = return_submit(scheme=network.scheme_a, month=last_month, by=network.team_lead_a, expected_version=0)
    r = api_as(network.team_lead_a).get(f"/returns/A/{last_month}")
    body = r.json()
    assert (body["version"], body["content_hash"], body["disclosure"]) == (
        1,
        submitted.content_hash,
        "not for publication",
    )
    assert figure(body, "identified") == 9
    assert body["status"] in ("submitted", "submitted late")


def test_the_return_comes_as_csv(network, api_as, last_month):
    r = api_as(network.commissioner).get(f"/returns/A/{last_month}.csv", draft="true")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode())))
    assert [x["value"] for x in rows if x["measure"] == "identified"] == ["10"]


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/returns", {"month": "2025-13"}, 422, "invalid"),
        ("/returns/B/{m}", {}, 404, "not_found"),
        ("/returns/A/{m}", {"version": "3"}, 404, "not_found"),
        ("/returns/A/nonsense", {}, 422, "invalid"),
    ],
)
def test_bad_or_unseen_returns_are_coded_errors(network, api_as, last_month, path, params, status, code):
    r = api_as(network.commissioner).get(path.format(m=last_month), **params)
    assert (r.status_code, r.json()["code"]) == (status, code)


def test_a_practitioner_has_no_returns(network, api_as, last_month):
    r = api_as(network.practitioner_a).get("/returns", month=last_month)
    assert (r.status_code, r.json()["code"]) == (403, "role_not_allowed")


def test_no_figure_the_commissioner_gets_below_national_level_is_between_one_and_seven(network, api_as, last_month):
    in_last_month = clock.now().astimezone(LONDON).replace(day=1, hour=12) - timedelta(days=12)
    for _ in range(3):  # a second scheme with a small month, to have suppressed cells too
        factories.episode(by=network.practitioner_b, site=network.custody_b, occurred_at=in_last_month)
    refresh_in_turn()
    network.commissioner.memberships.create(role="commissioner", scheme=network.scheme_b)
    body = api_as(network.commissioner).get("/returns", month=last_month).json()
    counts = [
        value
        for item in body["items"]
        for m in item["measures"]
        for row in m["rows"]
        for name, value in row["figures"].items()
        if name != "percentage" and not name.endswith("_minutes")
    ]
    assert "*" in counts and 10 in counts, "the check needs both a suppressed and a shown figure"
    assert all(v == "*" or (isinstance(v, int) and v % 5 == 0 and v not in range(1, 8)) for v in counts), counts
