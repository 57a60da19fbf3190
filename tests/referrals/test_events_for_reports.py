"""The contract with the sharing work: reports read referrals from events alone."""

from __future__ import annotations

from liaison.referrals.actions import referral_transition
from liaison.sharing.selectors import shareable_referrals
from tests import factories
from tests.referrals import builders


def test_a_report_sees_the_referral_and_its_latest_status_from_events(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    to = builders.service(scheme=network.scheme_a, name="Sefton drug and alcohol service", service_type="drug_alcohol")
    r = builders.referral(episode=episode, by=network.practitioner_a, to=to, reason="Daily heroin use")
    referral_transition(by=network.practitioner_a, referral=r, transition="accept")
    [line] = shareable_referrals(episode=episode)
    assert (line.service, line.reason, line.status) == (
        "Sefton drug and alcohol service",
        "Daily heroin use",
        "accepted",
    )
