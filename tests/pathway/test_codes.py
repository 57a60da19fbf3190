"""The codes a national return reads: Source of Referral for Mental Health (NHS Data Dictionary),
the local "alerted by" roles mapped to it, and the vulnerabilities that became flags."""

from __future__ import annotations

import pytest

from liaison.core.vocabulary import RETIRED_VULNERABILITIES, Vulnerability, vulnerability_label
from liaison.pathway.codes import ALERTED_BY_NATIONAL_CODE, LEGACY_REFERRAL_SOURCE, AlertedBy, ReferralSource


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("D1", "Employer"),
        ("C2", "Education service"),
        ("Q1", "Mental health drop-in service"),
        ("I1", "Temporary transfer from another mental health"),
        ("I2", "Permanent transfer from another mental health"),
        ("E5", "Court liaison and diversion service"),
    ],
)
def test_each_referral_source_code_reads_as_the_data_dictionary_defines_it(code, words):
    assert ReferralSource(code).label.startswith(words)


def test_every_referral_source_label_ends_with_its_code():
    assert all(str(label).endswith(f"({code})") for code, label in ReferralSource.choices)


def test_each_old_referral_source_code_maps_to_the_code_that_now_says_what_it_meant():
    assert LEGACY_REFERRAL_SOURCE == {"D1": "C2", "Q1": "I1"}
    assert ReferralSource(LEGACY_REFERRAL_SOURCE["D1"]).label.startswith("Education service")
    assert ReferralSource(LEGACY_REFERRAL_SOURCE["Q1"]).label.startswith("Temporary transfer")


def test_solicitor_custody_healthcare_and_appropriate_adult_are_listed_roles_of_who_alerted():
    assert set(AlertedBy.labels) == {"Solicitor", "Custody healthcare professional", "Appropriate adult"}


def test_every_listed_role_of_who_alerted_maps_to_a_referral_source_code():
    assert set(ALERTED_BY_NATIONAL_CODE) == set(AlertedBy.values)
    assert all(code in ReferralSource.values for code in ALERTED_BY_NATIONAL_CODE.values())


def test_young_person_and_woman_in_custody_are_no_longer_vulnerabilities():
    assert not {"young_person", "woman"} & set(Vulnerability.values)


def test_a_retired_vulnerability_still_reads_as_it_did():
    assert vulnerability_label("young_person") == "Young person in custody"
    assert vulnerability_label("woman") == "Woman in custody"
    assert set(RETIRED_VULNERABILITIES) == {"young_person", "woman"}


def test_a_current_vulnerability_reads_its_label_and_an_unknown_code_reads_as_it_is():
    assert vulnerability_label("mental_health") == "Mental health"
    assert vulnerability_label("nope") == "nope"
    assert vulnerability_label(None) == ""
