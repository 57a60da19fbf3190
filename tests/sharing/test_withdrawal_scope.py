"""Withdrawal ends consent for that agency and purpose: every standing consent in the scope."""

from __future__ import annotations

import pytest

from liaison.sharing.actions import ConsentRequired, consent_withdraw
from liaison.sharing.models import Consent
from tests.sharing.conftest import consent_to, share


def test_withdrawing_the_older_of_two_standing_consents_ends_the_newer_too(network, case):
    older = consent_to(network, case.episode)
    newer = consent_to(network, case.episode)
    consent_withdraw(by=network.practitioner_a, consent=older, note="Changed his mind")
    newer.refresh_from_db()
    assert newer.is_withdrawn
    with pytest.raises(ConsentRequired) as e:
        share(network, case.episode)
    assert e.value.details["reason"] == "withdrawn"
    withdrawal = older.withdraw_event if older.withdraw_event else Consent.objects.get(pk=older.pk).withdraw_event
    assert withdrawal.payload().ended_consent_ids == [str(newer.pk)]


def test_withdrawal_leaves_other_agencies_and_purposes_in_force(network, case):
    court = consent_to(network, case.episode)
    gp = consent_to(network, case.episode, agency="gp", purpose="direct_care")
    bail = consent_to(network, case.episode, purpose="bail_remand")
    consent_withdraw(by=network.practitioner_a, consent=court)
    assert all(not c.is_withdrawn for c in Consent.objects.filter(pk__in=[gp.pk, bail.pk]))
    assert share(network, case.episode, agency="gp", purpose="direct_care").consent == gp


def test_withdrawing_consent_to_a_named_court_refuses_that_court_only(network, case):
    consent_to(network, case.episode)
    named = consent_to(network, case.episode, agency_name="Sefton Magistrates' Court")
    consent_withdraw(by=network.practitioner_a, consent=named)
    with pytest.raises(ConsentRequired):
        share(network, case.episode, agency_name="sefton magistrates' court")
    assert share(network, case.episode, agency_name="Liverpool Magistrates' Court").consent is not None


def test_withdrawing_consent_to_courts_in_general_ends_named_ones_too(network, case):
    general = consent_to(network, case.episode)
    named = consent_to(network, case.episode, agency_name="Sefton Magistrates' Court")
    consent_withdraw(by=network.practitioner_a, consent=general)
    named.refresh_from_db()
    assert named.is_withdrawn


def test_consent_given_after_a_withdrawal_is_in_force(network, case):
    consent_withdraw(by=network.practitioner_a, consent=consent_to(network, case.episode))
    again = consent_to(network, case.episode)
    assert share(network, case.episode).consent == again
