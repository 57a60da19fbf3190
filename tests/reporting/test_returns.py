"""The monthly return: a draft from the definitions, submitted as it was, never changed, and
submitted again only as a new version with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, NotFound, StageNotAllowed
from liaison.core.models import AppendOnlyError
from liaison.reporting.actions import return_submit
from liaison.reporting.models import MonthlyReturn, ReturnEvent
from liaison.reporting.returns import (
    Status,
    content_hash,
    draft,
    due_at,
    parse_month,
    previous_month,
    shown,
    status,
)
from liaison.reporting.store import LONDON
from tests import factories


@pytest.fixture
def last_month(network):
    return factories.episodes_last_month(by=network.practitioner_a, site=network.custody_a)


def submit(network, month, **kwargs):
    kwargs.setdefault("expected_version", 0)
    return return_submit(scheme=network.scheme_a, month=month, by=network.team_lead_a, **kwargs)


def test_a_submitted_return_keeps_the_figures_the_versions_and_a_hash_of_them(network, last_month):
    submitted = submit(network, last_month)

    assert submitted.version == 1
    assert submitted.figures["identified"]["rows"] == [{"value": 9}]
    assert submitted.figures["identified"]["version"] == 1
    assert submitted.content_hash == content_hash(scheme_code="A", month=last_month, figures=submitted.figures)
    (event,) = ReturnEvent.objects.all()
    assert event.kind == "return:submit"
    assert event.data["version"] == 1 and event.data["content_hash"] == submitted.content_hash
    with pytest.raises(AppendOnlyError):
        submitted.save()


def test_the_draft_warns_when_fewer_than_half_are_screened(network, last_month):
    from liaison.reporting.freshness import refresh_in_turn

    refresh_in_turn()
    warnings = draft(network.scheme_a, last_month).warnings
    assert any("Fewer than half" in w and "(0 of 9)" in w for w in warnings), warnings


def test_the_draft_warns_of_missing_nhs_numbers_and_ethnicity(network, last_month):
    from liaison.reporting.freshness import refresh_in_turn

    refresh_in_turn()
    warnings = draft(network.scheme_a, last_month).warnings

    assert "NHS number unknown: 9 of 9 episodes (100%), more than 10%." in warnings
    assert "Ethnicity not stated or not known: 9 of 9 episodes (100%), more than 10%." in warnings
    assert not any("open more than 90 days" in w for w in warnings)


def test_a_month_with_no_activity_warns_that_records_may_be_missing(network):
    month = previous_month(previous_month(clock.now().astimezone(LONDON).strftime("%Y-%m")))
    assert draft(network.scheme_a, month).warnings == [
        "No episodes were identified this month. If the scheme was working, its records may be missing."
    ]


def test_submitting_again_needs_a_reason_and_makes_a_new_version(network, last_month):
    first = submit(network, last_month)
    with pytest.raises(Invalid, match="Say why"):
        submit(network, last_month, expected_version=1)
    factories.episode(
        by=network.practitioner_a,
        site=network.custody_a,
        occurred_at=first.submitted_at.replace(day=1) - timedelta(days=5),
    )
    second = submit(network, last_month, expected_version=1, reason="A late record was added")

    assert (second.version, second.reason) == (2, "A late record was added")
    assert MonthlyReturn.objects.get(pk=first.pk).figures == first.figures
    assert second.content_hash != first.content_hash


def test_a_stale_submission_is_refused_and_nothing_is_written(network, last_month):
    submit(network, last_month)
    with pytest.raises(Conflict, match="submitted by someone else meanwhile"):
        submit(network, last_month)
    assert MonthlyReturn.objects.count() == 1 and ReturnEvent.objects.count() == 1


def test_a_month_that_has_not_ended_cannot_be_submitted(network):
    this_month = clock.now().astimezone(LONDON).strftime("%Y-%m")
    with pytest.raises(StageNotAllowed, match="has not ended"):
        submit(network, this_month)


@pytest.mark.parametrize("who", ["practitioner_a", "commissioner", "team_lead_b", "analyst"])
def test_only_the_schemes_own_team_lead_or_manager_submits(network, last_month, who):
    with pytest.raises(NotFound):
        return_submit(scheme=network.scheme_a, month=last_month, by=getattr(network, who), expected_version=0)
    assert not MonthlyReturn.objects.exists()


def test_a_return_submitted_after_its_due_date_is_late(network, last_month):
    submitted = submit(network, last_month, at=due_at(last_month) + timedelta(hours=1))
    assert submitted.late


def test_the_status_of_a_month(settings):
    month = "2025-03"
    before = due_at(month) - timedelta(minutes=1)
    assert due_at(month).isoformat() == "2025-04-16T00:00:00+01:00"
    assert status(month, latest_version=None, first_late=False, now=due_at(month) - timedelta(days=20)) is (
        Status.IN_PROGRESS
    )
    assert status(month, latest_version=None, first_late=False, now=before) is Status.DUE
    assert status(month, latest_version=None, first_late=False, now=due_at(month)) is Status.OVERDUE
    assert status(month, latest_version=1, first_late=True, now=before) is Status.SUBMITTED_LATE
    assert status(month, latest_version=2, first_late=True, now=before) is Status.RESUBMITTED


@pytest.mark.parametrize("text", ["2025-13", "2025-3", "25-03", "1999-12", "", "2025-03-01"])
def test_a_month_must_look_like_a_month(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month(text)


def test_a_stored_return_is_shown_published_to_others_and_unrounded_to_its_scheme(network, last_month):
    submitted = submit(network, last_month)
    published = {m.measure.name: m for m in shown(network.scheme_a, last_month, submitted.figures, raw=False)}
    checking = {m.measure.name: m for m in shown(network.scheme_a, last_month, submitted.figures, raw=True)}
    assert published["identified"].rows[0].figures["value"] == 10
    assert str(checking["identified"].rows[0].figures["value"]) == "9 (not for publication)"


def test_the_command_builds_every_schemes_draft_for_a_month(network, last_month):
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("returns", "build", "--month", last_month, "--json", stdout=out)
    document = json.loads(out.getvalue())
    by_code = {r["scheme_code"]: r for r in document["returns"]}
    assert set(by_code) == {"A", "B"}
    assert by_code["A"]["figures"]["identified"]["rows"] == [{"value": 9}]
    assert by_code["B"]["figures"]["identified"]["rows"] == []
    table = StringIO()
    call_command("returns", "build", "--month", last_month, "--scheme", "A", stdout=table)
    assert "A" in table.getvalue() and "1 scheme(s)" in table.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("returns", "build", "--month", "March")
    with pytest.raises(CommandError, match="No scheme"):
        call_command("returns", "build", "--month", last_month, "--scheme", "ZZ")
