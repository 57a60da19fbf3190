"""Referring to a directory service and moving the referral on: one event each, with the data
reports need (referral id, service, type, status)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from liaison.core import clock
from liaison.core.errors import Invalid, PermissionDenied, StageNotAllowed
from liaison.core.events import EVENTS
from liaison.pathway.actions import entry_void, episode_close
from liaison.pathway.models import PathwayEvent
from liaison.referrals.actions import (
    ReferralVoided,
    TransitionDetails,
    TransitionNotAllowed,
    referral_make,
    referral_transition,
)
from tests import factories
from tests.referrals import builders


@pytest.fixture
def screened(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=120)
    return builders.screened(e, network.practitioner_a)


def test_a_referral_moves_the_episode_to_referred_with_one_event(network, screened):
    to = builders.service(scheme=network.scheme_a, name="Wirral drug and alcohol service", service_type="drug_alcohol")
    before = PathwayEvent.objects.filter(episode=screened).count()
    r = referral_make(
        by=network.practitioner_a, episode=screened, service=to, reason="Daily heroin use", urgency="urgent"
    )
    screened.refresh_from_db()
    assert screened.stage == "referred"
    assert PathwayEvent.objects.filter(episode=screened).count() == before + 1
    assert r.event is not None and r.event.kind == "episode:refer"
    assert r.event.data == {
        "referral_id": r.pk,
        "service_id": to.pk,
        "service": "Wirral drug and alcohol service",
        "service_type": "drug_alcohol",
        "team_type_code": "D01",
        "status": "made",
        "urgency": "urgent",
        "reason": "Daily heroin use",
    }
    assert (r.status, r.made_at) == ("made", r.event.occurred_at)


def test_it_refuses_another_schemes_service(network, screened):
    theirs = builders.service(scheme=network.scheme_b)
    with pytest.raises(Invalid) as e:
        referral_make(by=network.practitioner_a, episode=screened, service=theirs)
    assert "service" in e.value.errors
    assert not screened.referrals.exists()


def test_it_refuses_a_deactivated_service(network, screened):
    to = builders.service(scheme=network.scheme_a)
    to.active = False
    to.save()
    with pytest.raises(Invalid):
        referral_make(by=network.practitioner_a, episode=screened, service=to)


def test_it_refuses_a_service_that_does_not_take_the_persons_age(network, screened):
    youth = builders.service(scheme=network.scheme_a, service_type="youth_offending", min_age=10, max_age=17)
    with pytest.raises(Invalid) as e:
        referral_make(by=network.practitioner_a, episode=screened, service=youth)
    assert "10 to 17" in e.value.errors["service"]
    assert PathwayEvent.objects.filter(episode=screened, kind=EVENTS.get("episode:refer")).count() == 0


def test_a_support_worker_cannot_refer(network, screened):
    to = builders.service(scheme=network.scheme_a)
    with pytest.raises(PermissionDenied):
        referral_make(by=network.support_worker_a, episode=screened, service=to)
    assert not screened.referrals.exists()


def test_an_identified_episode_cannot_be_referred_yet(network):
    e = factories.episode(by=network.practitioner_a, site=network.custody_a)
    with pytest.raises(StageNotAllowed):
        referral_make(by=network.practitioner_a, episode=e, service=builders.service(scheme=network.scheme_a))
    assert not e.referrals.exists()


def test_each_transition_writes_one_event_with_the_new_status(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    before = PathwayEvent.objects.filter(episode=screened).count()
    event = referral_transition(by=network.support_worker_a, referral=r, transition="accept")
    assert PathwayEvent.objects.filter(episode=screened).count() == before + 1
    assert event.kind == "referral:update"
    assert {k: event.data[k] for k in ("referral_id", "service", "service_type", "status", "from_status")} == {
        "referral_id": r.pk,
        "service": r.service.name,
        "service_type": "community_mental_health",
        "status": "accepted",
        "from_status": "made",
    }
    r.refresh_from_db()
    assert r.status == "accepted"


def test_a_transition_the_table_forbids_is_refused_and_changes_nothing(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    before = PathwayEvent.objects.filter(episode=screened).count()
    with pytest.raises(TransitionNotAllowed) as e:
        referral_transition(
            by=network.practitioner_a, referral=r, transition="attend", details=TransitionDetails(accompanied=True)
        )
    assert e.value.as_dict()["allowed"] == ["acknowledge", "accept", "decline", "close"]
    assert e.value.status == 409
    r.refresh_from_db()
    assert r.status == "made"
    assert PathwayEvent.objects.filter(episode=screened).count() == before


def test_declining_needs_a_reason(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    with pytest.raises(Invalid) as e:
        referral_transition(by=network.practitioner_a, referral=r, transition="decline")
    assert "reason" in e.value.errors
    referral_transition(
        by=network.practitioner_a, referral=r, transition="decline", details=TransitionDetails(reason="Out of area")
    )
    r.refresh_from_db()
    assert (r.status, r.decline_reason) == ("declined", "Out of area")


def test_booking_needs_a_time_and_place_and_sets_the_follow_up_to_the_appointment(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    referral_transition(by=network.practitioner_a, referral=r, transition="accept")
    with pytest.raises(Invalid) as e:
        referral_transition(by=network.practitioner_a, referral=r, transition="book")
    assert {"appointment_at", "place"} <= set(e.value.errors)
    at = clock.now() + timedelta(days=4)
    event = referral_transition(
        by=network.practitioner_a,
        referral=r,
        transition="book",
        details=TransitionDetails(appointment_at=at, place="Hope St"),
    )
    r.refresh_from_db()
    assert (r.status, r.appointment_place, r.follow_up_due) == ("booked", "Hope St", timezone.localdate(at))
    assert event.data["appointment_at"] == at.isoformat()


def test_an_appointment_years_ahead_is_refused(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    referral_transition(by=network.practitioner_a, referral=r, transition="accept")
    far = clock.now() + timedelta(days=800)
    with pytest.raises(Invalid):
        referral_transition(
            by=network.practitioner_a,
            referral=r,
            transition="book",
            details=TransitionDetails(appointment_at=far, place="X"),
        )


def test_a_missed_appointment_can_be_booked_again(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    at = clock.now() + timedelta(days=2)
    for step, details in (
        ("accept", TransitionDetails()),
        ("book", TransitionDetails(appointment_at=at, place="Clinic")),
        ("did_not_attend", TransitionDetails(outcome="No answer at home")),
        ("rebook", TransitionDetails(appointment_at=at + timedelta(days=7), place="Clinic")),
        ("attend", TransitionDetails(accompanied=True, outcome="Seen by the nurse")),
        ("engage", TransitionDetails()),
    ):
        referral_transition(by=network.support_worker_a, referral=r, transition=step, details=details)
    r.refresh_from_db()
    assert (r.status, r.accompanied, r.appointment_outcome) == ("engaged", True, "Seen by the nurse")


def test_ending_a_referral_clears_its_follow_up(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    referral_transition(
        by=network.practitioner_a,
        referral=r,
        transition="acknowledge",
        details=TransitionDetails(follow_up_on=date.today()),
    )
    r.refresh_from_db()
    assert r.follow_up_due is not None
    referral_transition(
        by=network.practitioner_a, referral=r, transition="close", details=TransitionDetails(reason="Moved")
    )
    r.refresh_from_db()
    assert (r.status, r.follow_up_due) == ("closed", None)


def test_another_schemes_staff_cannot_move_a_referral_on(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    with pytest.raises(PermissionDenied):
        referral_transition(by=network.practitioner_b, referral=r, transition="accept")
    r.refresh_from_db()
    assert r.status == "made"


def test_a_closed_episode_refuses_referral_progress(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    episode_close(
        by=network.practitioner_a,
        episode=screened,
        justice_outcome="no_further_action",
        ld_outcome="diverted_out",
        confirm_active_support=True,
    )
    with pytest.raises(StageNotAllowed):
        referral_transition(by=network.practitioner_a, referral=r, transition="accept")
    r.refresh_from_db()
    assert r.status == "made"


def test_a_voided_referral_cannot_move_on(network, screened):
    r = builders.referral(episode=screened, by=network.practitioner_a)
    assert r.event is not None
    entry_void(by=network.practitioner_a, episode=screened, event=r.event, reason="Wrong person")
    with pytest.raises(ReferralVoided):
        referral_transition(by=network.practitioner_a, referral=r, transition="accept")
