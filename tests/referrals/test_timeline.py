"""Referral events read as words on the episode's timeline."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from liaison.pathway.timeline import describe
from liaison.referrals.actions import TransitionDetails, referral_transition, support_assign
from tests import factories
from tests.referrals import builders


def test_a_booking_reads_with_its_appointment_place_and_status(network):
    r = builders.referral(
        episode=factories.episode(by=network.practitioner_a, site=network.custody_a), by=network.practitioner_a
    )
    referral_transition(by=network.practitioner_a, referral=r, transition="accept")
    at = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()).replace(hour=10, minute=30))
    event = referral_transition(
        by=network.practitioner_a,
        referral=r,
        transition="book",
        details=TransitionDetails(appointment_at=at, place="Hope St"),
    )
    lines = dict(describe(event))
    assert lines["Referral status"] == ["First appointment booked"]
    assert lines["Type of service"] == ["Community mental health"]
    assert lines["Where"] == ["Hope St"]
    assert lines["Appointment"][0].endswith("10:30")
    assert lines["Next follow-up due"] == [f"{at.day} {at:%B %Y}"]


def test_a_support_assignment_names_the_worker(network):
    r = builders.referral(
        episode=factories.episode(by=network.practitioner_a, site=network.custody_a), by=network.practitioner_a
    )
    event = support_assign(by=network.practitioner_a, referral=r, worker=network.support_worker_a)
    assert dict(describe(event))["Support worker"] == [str(network.support_worker_a)]
