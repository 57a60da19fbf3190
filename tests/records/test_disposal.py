"""Disposal of a record past retention: proposed, approved by a second person, carried out; the
content goes, a trace stays, and the hash chain still verifies (ADR 0027)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from liaison.audit import chain
from liaison.audit.models import Redaction
from liaison.core import triggers
from liaison.core.errors import Conflict, PermissionDenied
from liaison.organisations.models import Role
from liaison.pathway.actions import episode_close, episode_note, episode_reopen
from liaison.pathway.models import PathwayEvent
from liaison.pathway.verify import verify as events_verify
from liaison.records.actions import (
    NotPastRetention,
    disposal_approve,
    disposal_carry_out,
    disposal_propose,
    disposal_reject,
)
from liaison.records.models import DisposalEvent, DisposalStatus
from liaison.records.selectors import disposals_to_review
from liaison.records.subject_access import subject_access_export
from tests import factories
from tests.records.test_retention import closed_years_ago

NOTE = "Told us about the Ashcombe Road address"


@pytest.fixture
def managers(network):
    return factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a), network.admin


@pytest.fixture
def old(network):
    return closed_years_ago(network, 21)


def _noted_old_episode(network):
    """An episode 21 years closed, with a note in its events (written then, not now)."""
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=int(21 * 365.25 * 1440))
    episode_note(by=network.practitioner_a, episode=e, text=NOTE, occurred_at=e.identified_at + timedelta(minutes=5))
    episode_close(
        by=network.practitioner_a,
        episode=e,
        justice_outcome="no_further_action",
        ld_outcome="no_further_ld_action",
        occurred_at=e.identified_at + timedelta(minutes=30),
    )
    e.refresh_from_db()
    return e


def past_retention_disposal(network):
    """A disposal proposed for an episode 21 years closed (for tests of other tables too)."""
    manager = factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a)
    return disposal_propose(episode=closed_years_ago(network, 21), by=manager, reason="Past 20 years")


def _approved(episode, managers):
    proposer, reviewer = managers
    disposal = disposal_propose(episode=episode, by=proposer, reason="Past 20 years: review R-2041")
    return disposal_approve(disposal=disposal, by=reviewer, note="Checked against the schedule")


def test_a_disposal_needs_a_second_person_to_approve_it(network, managers, old):
    proposer, _ = managers
    disposal = disposal_propose(episode=old, by=proposer, reason="Past 20 years")
    with pytest.raises(PermissionDenied, match="someone other than"):
        disposal_approve(disposal=disposal, by=proposer)
    with pytest.raises(Conflict, match="proposed"):
        disposal_carry_out(disposal=disposal, by=proposer)
    assert disposals_to_review(user=proposer).count() == 0
    assert list(disposals_to_review(user=managers[1])) == [disposal]


def test_a_practitioner_may_not_propose_a_disposal(network, old):
    with pytest.raises(PermissionDenied):
        disposal_propose(episode=old, by=network.practitioner_a, reason="Tidying up")


def test_a_record_not_past_retention_is_refused(network, managers):
    recent = closed_years_ago(network, 3)
    with pytest.raises(NotPastRetention):
        disposal_propose(episode=recent, by=managers[0], reason="Past 20 years")


def test_an_episode_reopened_since_the_proposal_is_refused_at_carry_out(network, managers, old):
    disposal = _approved(old, managers)
    episode_reopen(by=network.practitioner_a, episode=old, reason="Seen again at court")
    with pytest.raises(NotPastRetention):
        disposal_carry_out(disposal=disposal, by=managers[0])
    disposal.refresh_from_db()
    assert disposal.status == DisposalStatus.APPROVED


def test_a_rejected_disposal_is_never_carried_out_and_may_be_proposed_again(network, managers, old):
    proposer, reviewer = managers
    disposal = disposal_propose(episode=old, by=proposer, reason="Past 20 years")
    disposal_reject(disposal=disposal, by=reviewer, note="Subject of a legal hold")
    with pytest.raises(Conflict):
        disposal_carry_out(disposal=disposal, by=proposer)
    assert disposal_propose(episode=old, by=proposer, reason="Legal hold lifted").status == DisposalStatus.PROPOSED


def test_carrying_out_replaces_the_content_and_leaves_a_trace(network, managers):
    episode = _noted_old_episode(network)
    disposal = disposal_carry_out(disposal=_approved(episode, managers), by=managers[0])
    assert disposal.status == DisposalStatus.CARRIED_OUT
    events = PathwayEvent.objects.filter(episode=episode)
    assert events.exists()  # nothing is deleted
    assert all(e.data == {"disposed": disposal.pk} for e in events)
    assert not PathwayEvent.objects.filter(data__icontains="Ashcombe").exists()
    assert Redaction.objects.filter(disposal=disposal.pk).count() == events.count()
    kinds = list(DisposalEvent.objects.filter(disposal=disposal).values_list("kind", flat=True))
    assert kinds == ["disposal:propose", "disposal:approve", "disposal:carry_out"]
    # The triggers are back: the tombstones are as append-only as the events were.
    assert not triggers.missing()


def test_the_chain_still_verifies_after_disposal_and_events_verify_passes(network, managers):
    episode = _noted_old_episode(network)
    chain.seal_all()
    disposal_carry_out(disposal=_approved(episode, managers), by=managers[0])
    chain.seal_all()
    report = chain.verify()
    assert report.intact, [str(b) for b in report.broken]
    assert events_verify().ok


def test_a_change_no_disposal_names_is_still_tampering(network, managers):
    episode = _noted_old_episode(network)
    other = closed_years_ago(network, 1)
    chain.seal_all()
    disposal_carry_out(disposal=_approved(episode, managers), by=managers[0])
    # Made to look like a disposal's tombstone, by hand: no reviewed disposal names the change.
    event = PathwayEvent.objects.filter(episode=other).first()
    assert event is not None
    with triggers.lifted(), connection.cursor() as cursor:
        cursor.execute('UPDATE "pathway_pathwayevent" SET "data" = %s WHERE "id" = %s', ['{"disposed": 1}', event.pk])
    report = chain.verify()
    assert [b.row_id for b in report.broken] == [event.pk]


def test_the_disposed_record_shows_as_disposed_in_subject_access(network, managers):
    episode = _noted_old_episode(network)
    disposal = disposal_carry_out(disposal=_approved(episode, managers), by=managers[0])
    export = subject_access_export(user=network.team_lead_a, person_id=episode.person_id, reference="SAR-1")
    document = export.as_json()
    [shown] = [e for e in document["episodes"] if e["id"] == str(episode.pk)]
    sections = {s["record_type"]: s["rows"] for s in shown["records"]}
    [row] = sections["records.Disposal"]
    assert "Carried out" in str(row.values())
    assert NOTE not in str(document)
    assert all(r["data"] == {"disposed": disposal.pk} for r in sections["pathway.PathwayEvent"])


def test_the_command_walks_the_three_steps_and_refuses_clearly(network, managers, old, capsys):
    proposer, reviewer = managers
    call_command("disposal", "propose", str(old.pk), "--by", proposer.username, "--reason", "Past 20 years")
    disposal_id = capsys.readouterr().out.split()[1]
    with pytest.raises(CommandError, match="someone other than"):
        call_command("disposal", "approve", disposal_id, "--by", proposer.username)
    call_command("disposal", "approve", disposal_id, "--by", reviewer.username)
    call_command("disposal", "carry-out", disposal_id, "--by", reviewer.username)
    assert "carried out" in capsys.readouterr().out
    recent = closed_years_ago(network, 2)
    with pytest.raises(CommandError, match="not past retention"):
        call_command("disposal", "propose", str(recent.pk), "--by", proposer.username, "--reason", "x")


def test_the_episode_page_and_the_reporting_refresh_read_a_disposed_episode(network, managers, client):
    episode = _noted_old_episode(network)
    disposal_carry_out(disposal=_approved(episode, managers), by=managers[0])
    client.force_login(network.practitioner_a)
    page = client.get(reverse("pathway:episode", args=[episode.pk]))
    assert page.status_code == 200
    assert NOTE not in page.content.decode()
    call_command("reporting", "refresh")
