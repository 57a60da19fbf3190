"""The monthly-return pages: status for every scheme in view, one return, submit, download."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.models import MonthlyReturn
from tests import factories


@pytest.fixture
def last_month(network):
    return factories.episodes_last_month(by=network.practitioner_a, site=network.custody_a)


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_team_lead_submits_the_month_and_sees_it_stored_as_submitted(client, network, last_month):
    c = signed_in(client, network.team_lead_a)
    page = c.get(f"/reporting/returns/A/{last_month}/")
    assert page.status_code == 200
    assert b"Not for publication" in page.content and b"Submit this return" in page.content

    done = c.post(f"/reporting/returns/A/{last_month}/", {"expected_version": "0", "reason": ""}, follow=True)

    assert done.status_code == 200
    assert b"return submitted (version 1)" in done.content
    assert b"Version 1, as submitted" in done.content
    stored = MonthlyReturn.objects.get()
    assert stored.content_hash.encode() in done.content
    assert stored.figures["identified"]["rows"] == [{"value": 9}]


def test_a_resubmission_without_a_reason_comes_back_with_the_error_on_the_field(client, network, last_month):
    c = signed_in(client, network.team_lead_a)
    c.post(f"/reporting/returns/A/{last_month}/", {"expected_version": "0"})
    again = c.post(f"/reporting/returns/A/{last_month}/?draft=1", {"expected_version": "1", "reason": ""})
    assert again.status_code == 200
    assert b"Enter why you are submitting" in again.content
    assert MonthlyReturn.objects.count() == 1


def test_the_commissioner_sees_published_figures_and_cannot_submit(client, network, last_month):
    c = signed_in(client, network.commissioner)
    page = c.get(f"/reporting/returns/A/{last_month}/")
    assert page.status_code == 200
    assert b"Not for publication" not in page.content and b"Submit this return" not in page.content
    assert c.post(f"/reporting/returns/A/{last_month}/", {"expected_version": "0"}).status_code == 403
    assert not MonthlyReturn.objects.exists()


def test_the_status_page_lists_the_schemes_in_view(client, network, last_month):
    page = signed_in(client, network.commissioner).get("/reporting/returns/")
    assert page.status_code == 200
    assert b"Scheme A" in page.content and b"Scheme B" not in page.content
    assert b"overdue" in page.content or b"due" in page.content


@pytest.mark.parametrize("who", ["practitioner_a", "support_worker_a"])
def test_staff_without_a_reporting_role_are_refused(client, network, who, last_month):
    c = signed_in(client, getattr(network, who))
    assert c.get("/reporting/returns/").status_code == 403
    assert c.get(f"/reporting/returns/A/{last_month}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/reporting/returns/B/{m}/",
        "/reporting/returns/NOPE/{m}/",
        "/reporting/returns/A/2025-13/",
        "/reporting/returns/A/{m}/?version=9",
        "/reporting/returns/A/{m}/?version=x",
        "/reporting/returns/A/{m}.pdf",
    ],
)
def test_unknown_unseen_or_malformed_returns_are_not_found(client, network, last_month, path):
    assert signed_in(client, network.team_lead_a).get(path.format(m=last_month)).status_code == 404


def test_the_downloads_carry_the_figures_and_their_label(client, network, last_month):
    refresh_in_turn()
    c = signed_in(client, network.commissioner)
    response = c.get(f"/reporting/returns/A/{last_month}.csv?draft=1")
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    (identified,) = [r for r in lines if r["measure"] == "identified"]
    assert (identified["value"], identified["return_version"]) == ("10", "draft")
    assert identified["disclosure"].startswith("published")

    own = signed_in(client, network.team_lead_a).get(f"/reporting/returns/A/{last_month}.xlsx?draft=1")
    assert "not-for-publication" in own["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(own.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "NOT FOR PUBLICATION"
    header = rows[2]
    identified_row = next(r for r in rows[3:] if r[header.index("measure")] == "identified")
    assert identified_row[header.index("value")] == 9
