"""Consent to share with a named agency covers that agency only, never any other of its type."""

from __future__ import annotations

import pytest

from liaison.core.errors import Invalid
from liaison.sharing.actions import ConsentRequired
from tests.sharing.conftest import consent_to, share


def test_consent_to_a_named_other_agency_covers_that_agency(network, case):
    consent = consent_to(network, case.episode, agency="other", agency_name="Shelter Merseyside", purpose="direct_care")
    s = share(network, case.episode, agency="other", agency_name="  shelter   MERSEYSIDE ", purpose="direct_care")
    assert s.consent == consent
    assert s.snapshot["recipient"]["agency_name"] == "shelter   MERSEYSIDE".strip()


def test_consent_to_one_other_agency_does_not_cover_another_other_agency(network, case):
    consent_to(network, case.episode, agency="other", agency_name="Shelter Merseyside", purpose="direct_care")
    with pytest.raises(ConsentRequired) as e:
        share(network, case.episode, agency="other", agency_name="Brook Young People", purpose="direct_care")
    assert e.value.details["reason"] == "none"


def test_a_share_with_an_other_agency_must_name_it(network, case):
    consent_to(network, case.episode, agency="other", agency_name="Shelter Merseyside", purpose="direct_care")
    with pytest.raises(Invalid) as e:
        share(network, case.episode, agency="other", purpose="direct_care")
    assert "agency_name" in e.value.errors


def test_consent_naming_one_court_does_not_cover_another_court(network, case):
    consent_to(network, case.episode, agency_name="Liverpool Magistrates' Court")
    with pytest.raises(ConsentRequired):
        share(network, case.episode, agency_name="Sefton Magistrates' Court")
    assert share(network, case.episode, agency_name="Liverpool Magistrates' Court").consent is not None


def test_consent_to_an_agency_type_covers_a_named_agency_of_that_type(network, case):
    consent = consent_to(network, case.episode)
    assert share(network, case.episode, agency_name="Sefton Magistrates' Court").consent == consent


def test_a_refusal_for_a_named_court_is_not_overridden_by_consent_to_courts_in_general(network, case):
    consent_to(network, case.episode)
    consent_to(network, case.episode, agency_name="Sefton Magistrates' Court", decision="refused")
    with pytest.raises(ConsentRequired) as e:
        share(network, case.episode, agency_name="Sefton Magistrates' Court")
    assert e.value.details["reason"] == "refused"
    assert share(network, case.episode, agency_name="Liverpool Magistrates' Court").consent is not None
