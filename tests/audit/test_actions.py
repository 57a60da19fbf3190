"""Writing the access audit: who, whose record, what, when, why; one row per person shown."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.audit.actions import access_record, break_glass
from liaison.audit.models import AccessAction, AccessAudit
from tests import factories


def test_a_view_of_an_episode_records_who_whose_record_what_and_when(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)

    written = access_record(user=network.team_lead_a, action=AccessAction.VIEW, what="episode page", shown=[episode])

    assert written == 1
    row = AccessAudit.objects.latest("id")
    assert (row.user, row.person, row.episode, row.what, row.channel) == (
        network.team_lead_a,
        episode.person,
        episode,
        "episode page",
        "web",
    )
    assert row.at is not None


def test_a_view_of_a_person_names_no_episode(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)

    access_record(user=network.practitioner_a, action=AccessAction.VIEW, what="person page", shown=[person])

    assert AccessAudit.objects.values_list("person_id", "episode_id").get() == (person.pk, None)


def test_a_long_description_is_cut_to_fit(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)

    access_record(user=network.practitioner_a, action=AccessAction.SEARCH, what="x" * 500, shown=[person])

    assert AccessAudit.objects.get().what == "x" * 200


def test_a_list_writes_one_row_per_person_shown(network):
    episodes = [factories.episode(by=network.practitioner_a, site=network.custody_a) for _ in range(3)]

    access_record(user=network.practitioner_a, action=AccessAction.LIST, what="worklist", shown=episodes)

    rows = AccessAudit.objects.filter(action=AccessAction.LIST, what="worklist")
    assert sorted(rows.values_list("person_id", flat=True)) == sorted(e.person_id for e in episodes)


def test_a_list_of_fifty_people_costs_one_insert(network):
    episodes = [factories.episode(by=network.practitioner_a, site=network.custody_a) for _ in range(50)]

    with CaptureQueriesContext(connection) as captured:
        access_record(user=network.practitioner_a, action=AccessAction.LIST, what="worklist", shown=episodes)

    assert len(captured) == 1
    assert AccessAudit.objects.count() == 50


def test_the_same_episode_twice_in_one_read_is_one_row(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)

    access_record(user=network.support_worker_a, action=AccessAction.LIST, what="caseload", shown=[episode, episode])

    assert AccessAudit.objects.count() == 1


def test_showing_nobody_writes_nothing_and_asks_nothing_of_the_database(network):
    with CaptureQueriesContext(connection) as captured:
        assert access_record(user=network.practitioner_a, action=AccessAction.LIST, what="worklist", shown=[]) == 0

    assert len(captured) == 0


def test_breaking_glass_is_audited_with_its_reason(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)

    break_glass(user=network.practitioner_b, person=person, scheme=network.scheme_a, reason="  Seen unwell at court  ")

    row = AccessAudit.objects.get(action=AccessAction.BREAK_GLASS)
    assert (row.user, row.person, row.reason, row.what) == (
        network.practitioner_b,
        person,
        "Seen unwell at court",
        "record held by A",
    )


def test_a_list_longer_than_one_insert_is_audited_whole_in_one_transaction(network):
    from liaison.audit import actions

    people = [factories.person(by=network.practitioner_a, scheme=network.scheme_a) for _ in range(5)]
    before = AccessAudit.objects.count()
    original = actions._ROWS_PER_INSERT
    actions._ROWS_PER_INSERT = 2
    try:
        written = access_record(user=network.practitioner_a, action=AccessAction.LIST, what="people", shown=people)
    finally:
        actions._ROWS_PER_INSERT = original
    assert written == 5
    rows = AccessAudit.objects.order_by("-id")[:5]
    assert AccessAudit.objects.count() == before + 5
    assert {r.person_id for r in rows} == {p.pk for p in people}
    assert {(r.action, r.what, r.channel) for r in rows} == {(AccessAction.LIST, "people", "web")}
