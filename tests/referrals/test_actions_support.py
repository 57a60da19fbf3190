"""Support to the first appointment: assigning a worker, support contacts, and the episode
staying open while support continues."""

from __future__ import annotations

import pytest

from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.organisations.models import Role
from liaison.pathway.actions import episode_close, episode_note
from liaison.pathway.models import PathwayEvent
from liaison.pathway.stages import Step
from liaison.referrals.actions import (
    ContactDetails,
    TransitionDetails,
    referral_transition,
    support_assign,
    support_contact_log,
)
from liaison.referrals.models import SupportContact
from tests import factories
from tests.pathway.steps import take
from tests.referrals import builders

CALL = ContactDetails(contact_type="phone", duration_minutes=15, outcome="Reminded of Tuesday's appointment")


@pytest.fixture
def referral(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=120)
    return builders.referral(episode=e, by=network.practitioner_a)


def test_assigning_a_support_worker_writes_one_event(network, referral):
    before = PathwayEvent.objects.filter(episode=referral.episode).count()
    event = support_assign(by=network.practitioner_a, referral=referral, worker=network.support_worker_a)
    assert event.kind == "support:assign"
    assert event.data["worker_id"] == network.support_worker_a.pk
    assert event.data["referral_id"] == referral.pk
    assert PathwayEvent.objects.filter(episode=referral.episode).count() == before + 1
    referral.refresh_from_db()
    assert referral.support_worker == network.support_worker_a


def test_only_someone_who_supports_in_the_scheme_can_be_assigned(network, referral):
    for outsider in (network.practitioner_b, network.commissioner):
        with pytest.raises(Invalid):
            support_assign(by=network.practitioner_a, referral=referral, worker=outsider)
    referral.refresh_from_db()
    assert referral.support_worker is None


def test_a_closed_referral_takes_no_support_worker(network, referral):
    referral_transition(by=network.practitioner_a, referral=referral, transition="close")
    with pytest.raises(Conflict):
        support_assign(by=network.practitioner_a, referral=referral, worker=network.support_worker_a)


def test_a_support_worker_logs_a_contact_as_one_event(network, referral):
    before = PathwayEvent.objects.filter(episode=referral.episode).count()
    contact = support_contact_log(
        by=network.support_worker_a, episode=referral.episode, referral=referral, details=CALL
    )
    assert PathwayEvent.objects.filter(episode=referral.episode).count() == before + 1
    assert contact.event is not None and contact.event.kind == "support:contact"
    assert contact.event.data["contact_id"] == contact.pk
    assert contact.event.data["duration_minutes"] == 15
    assert contact.event.data["referral_id"] == referral.pk
    assert contact.contacted_at == contact.event.occurred_at


def test_a_contact_need_not_be_about_a_referral(network, referral):
    contact = support_contact_log(by=network.support_worker_a, episode=referral.episode, details=CALL)
    assert contact.referral is None
    assert contact.event is not None and "referral_id" not in contact.event.data


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (ContactDetails(contact_type="carrier pigeon", duration_minutes=5, outcome="x"), "contact_type"),
        (ContactDetails(contact_type="phone", duration_minutes=-1, outcome="x"), "duration_minutes"),
        (ContactDetails(contact_type="phone", duration_minutes=5, outcome=" "), "outcome"),
    ],
)
def test_a_contact_with_a_problem_is_refused_and_changes_nothing(network, referral, details, field):
    before = PathwayEvent.objects.count()
    with pytest.raises(Invalid) as e:
        support_contact_log(by=network.support_worker_a, episode=referral.episode, referral=referral, details=details)
    assert field in e.value.errors
    assert PathwayEvent.objects.count() == before
    assert not SupportContact.objects.exists()


def test_a_contact_about_another_episodes_referral_is_refused(network, referral):
    other = factories.episode(by=network.practitioner_a, site=network.custody_a)
    builders.screened(other, network.practitioner_a)
    with pytest.raises(Invalid):
        support_contact_log(by=network.support_worker_a, episode=other, referral=referral, details=CALL)
    assert not SupportContact.objects.exists()


def test_another_schemes_staff_cannot_log_a_contact(network, referral):
    with pytest.raises(PermissionDenied):
        support_contact_log(by=network.practitioner_b, episode=referral.episode, details=CALL)


@pytest.mark.parametrize("step", [Step.SCREEN, Step.ASSESS, Step.REFER, Step.CLOSE, Step.NOTE])
def test_a_support_worker_cannot_take_clinical_steps(network, referral, step):
    before = PathwayEvent.objects.filter(episode=referral.episode).count()
    with pytest.raises(PermissionDenied):
        take(step, episode=referral.episode, by=network.support_worker_a)
    assert PathwayEvent.objects.filter(episode=referral.episode).count() == before


def test_a_peer_worker_assigned_at_a_site_can_record_support(network, referral):
    peer = factories.staff(role=Role.SUPPORT_WORKER, site=network.court_a)
    support_assign(by=network.practitioner_a, referral=referral, worker=peer)
    referral_transition(
        by=peer, referral=referral, transition="acknowledge", details=TransitionDetails(note="Letter seen")
    )
    assert support_contact_log(by=peer, episode=referral.episode, referral=referral, details=CALL).pk


def test_closing_the_episode_while_support_continues_needs_a_confirmation(network, referral):
    e = referral.episode
    with pytest.raises(Conflict) as refused:
        episode_close(
            by=network.practitioner_a, episode=e, justice_outcome="no_further_action", ld_outcome="diverted_out"
        )
    assert refused.value.code == "active_support"
    assert refused.value.details["referrals"] == [referral.pk]
    e.refresh_from_db()
    assert e.stage == "referred"
    episode_close(
        by=network.practitioner_a,
        episode=e,
        justice_outcome="no_further_action",
        ld_outcome="diverted_out",
        confirm_active_support=True,
    )
    e.refresh_from_db()
    assert e.stage == "closed"


def test_closing_after_the_referrals_ended_needs_no_confirmation(network, referral):
    referral_transition(by=network.practitioner_a, referral=referral, transition="close")
    episode_note(by=network.practitioner_a, episode=referral.episode, text="All done")
    episode_close(
        by=network.practitioner_a,
        episode=referral.episode,
        justice_outcome="no_further_action",
        ld_outcome="diverted_out",
    )
    referral.episode.refresh_from_db()
    assert referral.episode.stage == "closed"
