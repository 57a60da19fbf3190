"""Reading the access log as a team lead does: openings one by one, list sightings folded."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction, AccessAudit
from liaison.audit.selectors import access_log, access_log_page
from tests import factories


@pytest.fixture
def episode(network):
    return factories.episode(by=network.practitioner_a, site=network.custody_a)


def seen(user, episode, what="worklist", times=1):
    for _ in range(times):
        access_record(user=user, action=AccessAction.LIST, what=what, shown=[episode])


def test_each_opening_of_the_record_is_a_line_of_its_own(network, episode):
    for _ in range(2):
        access_record(user=network.practitioner_a, action=AccessAction.VIEW, what="episode page", shown=[episode])

    log = access_log(person=episode.person)

    assert [(e.action_label, e.what, e.times) for e in log] == [("Opened the record", "episode page", 1)] * 2


def test_sightings_in_one_list_on_one_day_are_one_line_with_how_many_times(network, episode):
    seen(network.practitioner_a, episode, times=3)

    [line] = access_log(person=episode.person)

    assert (line.user, line.action_label, line.what, line.times) == (
        network.practitioner_a,
        "Seen in a list",
        "worklist",
        3,
    )
    assert line.first_at <= line.at


def test_each_list_is_a_line_of_its_own(network, episode):
    seen(network.team_lead_a, episode, what="worklist")
    seen(network.team_lead_a, episode, what="scheme's open episodes")

    assert sorted(e.what for e in access_log(person=episode.person)) == ["scheme's open episodes", "worklist"]


def test_each_user_is_a_line_of_their_own(network, episode):
    seen(network.practitioner_a, episode)
    seen(network.team_lead_a, episode)

    assert {e.user for e in access_log(person=episode.person)} == {network.practitioner_a, network.team_lead_a}


def test_the_day_is_a_day_in_england_not_in_utc(network, episode):
    # 22:30 and 23:30 UTC on 1 June are 23:30 on 1 June and 00:30 on 2 June in London.
    for hour in (22, 23):
        AccessAudit.objects.create(
            at=datetime(2026, 6, 1, hour, 30, tzinfo=UTC),
            user=network.practitioner_a,
            person=episode.person,
            episode=episode,
            action=AccessAction.LIST,
            what="worklist",
        )

    assert [e.times for e in access_log(person=episode.person)] == [1, 1]


def test_an_opening_is_not_buried_under_a_morning_of_sightings(network, episode):
    access_record(user=network.practitioner_a, action=AccessAction.VIEW, what="episode page", shown=[episode])
    seen(network.practitioner_a, episode, times=30)

    log = access_log(person=episode.person, limit=5)

    assert [(e.action, e.times) for e in log] == [(AccessAction.LIST, 30), (AccessAction.VIEW, 1)]


def test_it_runs_two_queries_however_long_the_history(network, episode):
    seen(network.practitioner_a, episode, times=20)
    seen(network.team_lead_a, episode, what="scheme's open episodes", times=20)
    access_record(user=network.practitioner_a, action=AccessAction.VIEW, what="episode page", shown=[episode])

    with CaptureQueriesContext(connection) as captured:
        access_log(person=episode.person)

    assert len(captured) == 2  # the lines (one union), their users


def test_a_page_of_the_log_runs_three_queries_however_long_the_history(network, episode):
    for n in range(30):
        access_record(user=network.practitioner_a, action=AccessAction.VIEW, what=f"page {n}", shown=[episode])
    seen(network.team_lead_a, episode, times=20)

    with CaptureQueriesContext(connection) as captured:
        page = access_log_page(person=episode.person, page=2, per_page=10)

    assert len(captured) == 3  # how many lines, the page's lines, their users
    assert (page.paging.count, page.paging.pages, len(page.entries)) == (31, 4, 10)


def test_the_pages_of_the_log_hold_every_line_once_newest_first(network, episode):
    for n in range(7):
        access_record(user=network.practitioner_a, action=AccessAction.VIEW, what=f"page {n}", shown=[episode])
        seen(network.team_lead_a, episode, what=f"list {n}")

    pages = [access_log_page(person=episode.person, page=n, per_page=5).entries for n in (1, 2, 3)]

    lines = [e for entries in pages for e in entries]
    assert [len(p) for p in pages] == [5, 5, 4]
    assert [e.what for e in lines] == [e.what for e in access_log(person=episode.person)]
    assert [e.at for e in lines] == sorted((e.at for e in lines), reverse=True)
    assert len({e.what for e in lines}) == 14


def test_a_page_past_the_end_of_the_log_is_its_last(network, episode):
    seen(network.practitioner_a, episode)
    page = access_log_page(person=episode.person, page=9)
    assert page.paging.number == 1 and len(page.entries) == 1
