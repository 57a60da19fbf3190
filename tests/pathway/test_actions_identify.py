"""Identification: opening an episode, and recording a new person with it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from liaison.core import clock
from liaison.core.errors import Invalid, PermissionDenied
from liaison.organisations.models import PointOfContact
from liaison.pathway.actions import OpenEpisodeExists, episode_identify, person_identify_new
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage, Step
from liaison.people.actions import PersonDetails
from liaison.people.models import Person
from tests import factories
from tests.pathway.steps import take

LONDON = ZoneInfo("Europe/London")


def identify(network, **overrides):
    by = overrides.pop("by", network.practitioner_a)
    fields = {
        "by": by,
        "person": overrides.pop("person", None) or factories.person(by=by, scheme=network.scheme_a),
        "site": network.custody_a,
        "point_of_contact": PointOfContact.CUSTODY,
        "referral_source": "E1",
        "alerted_by": "Custody sergeant",
        "concerns": ["mental_health"],
    }
    fields.update(overrides)
    return episode_identify(**factories.with_alert(fields))


def test_identification_opens_an_episode_at_the_site_with_one_event(network):
    episode = identify(network, concerns=["drugs", "mental_health", "drugs"], concerns_note=" Withdrawn ")

    assert episode.stage == Stage.IDENTIFIED
    assert (episode.scheme, episode.site, episode.current_site) == (
        network.scheme_a,
        network.custody_a,
        network.custody_a,
    )
    assert episode.concerns == ["drugs", "mental_health"]
    events = list(PathwayEvent.objects.filter(episode=episode))
    assert [e.kind for e in events] == ["episode:identify"]
    assert events[0].data["concerns"] == ["drugs", "mental_health"]
    assert events[0].data["concerns_note"] == "Withdrawn"
    assert events[0].occurred_at == episode.identified_at


def test_the_age_band_is_derived_at_the_date_of_the_episode(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a, date_of_birth=date(2006, 6, 1))
    at = datetime(2024, 5, 31, 12, 0, tzinfo=LONDON)

    episode = identify(network, person=person, occurred_at=at)

    assert episode.age_band == "10-17"


def test_the_age_band_uses_the_local_date_just_after_midnight(network):
    # 00:30 on their 18th birthday in London is still the day before in UTC.
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a, date_of_birth=date(2006, 6, 1))

    at = datetime(2024, 6, 1, 0, 30, tzinfo=LONDON).astimezone(UTC)

    episode = identify(network, person=person, occurred_at=at)

    assert episode.age_band == "18-24"


def test_the_age_band_is_not_known_without_a_date_of_birth(network):
    assert identify(network).age_band == "Not known"


def test_the_target_comes_from_the_sites_response_target(network):
    assert identify(network).target_minutes == 120


def test_the_target_falls_back_to_the_default_setting(network, settings):
    settings.DEFAULT_RESPONSE_TARGET_MINUTES = 333

    episode = identify(network, point_of_contact=PointOfContact.VOLUNTARY_ATTENDANCE)

    assert episode.target_minutes == 333


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("concerns", {"concerns": ["mental_health", "astrology"]}),
        ("concerns", {"concerns": [["mental_health"]]}),
        ("point_of_contact", {"point_of_contact": "pub"}),
        ("referral_source", {"referral_source": "Z9"}),
        ("alerted_by", {"alerted_by": "   "}),
        ("alerted_by", {"alerted_by": "x" * 161}),
    ],
)
def test_an_identification_with_bad_details_is_refused_and_writes_nothing(network, field, overrides):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)

    with pytest.raises(Invalid) as refused:
        identify(network, person=person, **overrides)

    assert field in refused.value.errors
    assert not Episode.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    "at",
    [
        pytest.param(lambda: clock.now() + timedelta(hours=1), id="future"),
        pytest.param(lambda: datetime(2024, 5, 31, 12, 0), id="naive"),
    ],
)
def test_an_identification_at_a_bad_time_is_refused(network, at):
    with pytest.raises(Invalid) as refused:
        identify(network, occurred_at=at())

    assert "occurred_at" in refused.value.errors
    assert not Episode.objects.exists()


def test_a_few_minutes_of_clock_drift_into_the_future_is_allowed(network):
    assert identify(network, occurred_at=clock.now() + timedelta(minutes=3)).stage == Stage.IDENTIFIED


def test_a_closed_site_is_refused(network):
    network.custody_a.active = False
    network.custody_a.save()

    with pytest.raises(Invalid) as refused:
        identify(network)

    assert "site" in refused.value.errors


def test_an_open_episode_in_the_scheme_is_offered_instead_of_a_duplicate(network):
    first = identify(network)

    with pytest.raises(OpenEpisodeExists) as refused:
        identify(network, person=first.person, site=network.court_a, point_of_contact=PointOfContact.MAGISTRATES_COURT)

    assert refused.value.code == "open_episode_exists"
    assert refused.value.details["episode_id"] == str(first.pk)
    assert Episode.objects.filter(person=first.person).count() == 1


def test_a_person_with_a_closed_episode_can_be_identified_again(network):
    first = identify(network)
    take(Step.CLOSE, episode=first, by=network.practitioner_a)

    second = identify(network, person=first.person)

    assert second.pk != first.pk


def test_an_open_episode_in_another_scheme_does_not_block_identification(network):
    first = identify(network)

    other = identify(network, by=network.practitioner_b, person=first.person, site=network.custody_b)

    assert other.scheme == network.scheme_b


@pytest.mark.parametrize("who", ["support_worker_a", "commissioner", "analyst", "practitioner_b"])
def test_only_recording_staff_of_the_scheme_can_identify(network, who):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a)

    with pytest.raises(PermissionDenied):
        identify(network, by=getattr(network, who), person=person)

    assert not Episode.objects.exists()


def test_a_team_lead_can_identify(network):
    assert identify(network, by=network.team_lead_a).created_by == network.team_lead_a


def new_person(network, **overrides):
    fields = {
        "by": network.practitioner_a,
        "details": PersonDetails(given_name="Sam", family_name="Okafor", nhs_number="999 123 4578"),
        "site": network.custody_a,
        "point_of_contact": PointOfContact.CUSTODY,
        "referral_source": "E1",
        "alerted_by": "Custody sergeant",
    }
    fields.update(overrides)
    return person_identify_new(**factories.with_alert(fields))


def test_a_new_person_is_recorded_with_their_first_episode(network):
    episode = new_person(network)

    assert episode.person.nhs_number == "9991234578"
    assert episode.person.registered_by_scheme == network.scheme_a


def test_a_new_person_with_an_invalid_identification_is_not_recorded(network):
    with pytest.raises(Invalid):
        new_person(network, referral_source="nonsense")

    assert not Person.objects.filter(family_name="Okafor").exists()


def test_a_new_person_identified_in_the_future_is_not_recorded(network):
    with pytest.raises(Invalid):
        new_person(network, occurred_at=clock.now() + timedelta(days=1))

    assert not Person.objects.filter(family_name="Okafor").exists()


def test_a_new_person_cannot_be_recorded_by_another_schemes_staff(network):
    with pytest.raises(PermissionDenied):
        new_person(network, by=network.practitioner_b)

    assert not Person.objects.filter(family_name="Okafor").exists()


def test_identification_dated_before_2000_is_refused_as_a_typing_mistake(network):
    from datetime import UTC, datetime

    from liaison.core.errors import Invalid
    from liaison.pathway.models import Episode

    with pytest.raises(Invalid) as refused:
        factories.episode(by=network.practitioner_a, site=network.custody_a, occurred_at=datetime(1, 1, 2, tzinfo=UTC))
    assert "occurred_at" in refused.value.errors
    assert not Episode.objects.exists()
