"""Who alerted L&D as a listed role (solicitor, custody healthcare professional, appropriate
adult), beside the words: kept on the episode and its event, and counted under a national code."""

from __future__ import annotations

import pytest

from liaison.core.errors import Invalid
from liaison.organisations.models import PointOfContact
from liaison.pathway.actions import Alert, episode_reenter
from liaison.pathway.codes import AlertedBy
from liaison.pathway.models import Episode, PathwayEvent
from tests import factories
from tests.pathway.test_actions_identify import identify


def identification(episode: Episode) -> PathwayEvent:
    return PathwayEvent.objects.get(episode=episode, kind="episode:identify")


def test_a_listed_role_is_kept_on_the_episode_and_its_event_beside_the_words(network):
    episode = identify(network, alerted_by="Duty solicitor, Ms Patel", alerted_by_code=AlertedBy.SOLICITOR)

    assert (episode.alerted_by, episode.alerted_by_code) == ("Duty solicitor, Ms Patel", "solicitor")
    assert identification(episode).data["alerted_by_code"] == "solicitor"


def test_the_words_alone_still_identify_and_keep_the_events_earlier_shape(network):
    episode = identify(network, alerted_by="Custody sergeant")

    assert (episode.alerted_by, episode.alerted_by_code) == ("Custody sergeant", "")
    assert "alerted_by_code" not in identification(episode).data


@pytest.mark.parametrize(
    ("role", "code"), [("solicitor", "M6"), ("custody_healthcare", "E1"), ("appropriate_adult", "M6")]
)
def test_a_listed_role_counts_under_its_national_code_when_no_referral_source_is_given(network, role, code):
    episode = identify(network, referral_source="", alerted_by_code=role)

    assert episode.referral_source == code
    assert identification(episode).data["referral_source"] == code


def test_a_referral_source_given_is_kept_whatever_the_role(network):
    assert identify(network, referral_source="E5", alerted_by_code=AlertedBy.SOLICITOR).referral_source == "E5"


def test_a_listed_role_stands_for_the_words_when_none_are_given(network):
    assert identify(network, alerted_by=" ", alerted_by_code=AlertedBy.APPROPRIATE_ADULT).alerted_by == (
        "Appropriate adult"
    )


def test_a_role_that_is_not_listed_is_refused_and_writes_nothing(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)

    with pytest.raises(Invalid) as refused:
        identify(network, person=person, alerted_by_code="barrister")

    assert "alerted_by_code" in refused.value.errors
    assert not Episode.objects.filter(person=person).exists()


def test_without_a_role_a_referral_source_is_still_required(network):
    with pytest.raises(Invalid) as refused:
        identify(network, referral_source="")

    assert refused.value.errors["referral_source"] == "Select who referred the person (referral source)"


def test_a_reentry_keeps_its_listed_role_and_national_code(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=600)

    event = episode_reenter(
        by=network.practitioner_a,
        episode=episode,
        alert=Alert(
            site=network.court_a,
            point_of_contact=PointOfContact.MAGISTRATES_COURT,
            referral_source="",
            alerted_by="",
            alerted_by_code=AlertedBy.SOLICITOR,
        ),
    )

    assert (event.data["referral_source"], event.data["alerted_by"], event.data["alerted_by_code"]) == (
        "M6",
        "Solicitor",
        "solicitor",
    )


@pytest.mark.parametrize("retired", ["young_person", "woman"])
def test_young_person_or_woman_is_refused_as_a_concern(network, retired):
    with pytest.raises(Invalid) as refused:
        identify(network, concerns=["mental_health", retired])

    assert "concerns" in refused.value.errors
