"""Writing the access audit: who, whose record, what, when, why."""

from __future__ import annotations

from liaison.audit.actions import access_record, access_record_many, break_glass
from liaison.audit.models import AccessAction, AccessAudit
from tests import factories


def test_a_view_records_who_whose_record_what_and_when(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)

    row = access_record(user=network.team_lead_a, action=AccessAction.VIEW, what="episode page", episode=episode)

    assert (row.user, row.person, row.episode, row.what, row.channel) == (
        network.team_lead_a,
        episode.person,
        episode,
        "episode page",
        "web",
    )
    assert row.at is not None


def test_a_long_description_is_cut_to_fit(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)

    row = access_record(user=network.practitioner_a, action=AccessAction.SEARCH, what="x" * 500, person=person)

    assert AccessAudit.objects.get(pk=row.pk).what == "x" * 200


def test_a_search_writes_one_row_per_person(network):
    people = [factories.person(by=network.practitioner_a, scheme=network.scheme_a) for _ in range(3)]

    access_record_many(user=network.practitioner_a, action=AccessAction.SEARCH, what="search: Alex", people=people)

    assert sorted(AccessAudit.objects.values_list("person_id", flat=True)) == sorted(p.pk for p in people)


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
