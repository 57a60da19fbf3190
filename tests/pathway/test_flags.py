"""Young person and woman in custody: flags from the person's date of birth and sex at the
episode, on the episode page and the worklist (and the API: tests/interop/test_episodes.py),
never findings with a status."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from liaison.people.codes import Sex
from tests import factories
from tests.pathway.pages import html, row_with, signed_in


def episode_of(network, *, sex: str = Sex.NOT_KNOWN, age: int | None = 30):
    born = date(date.today().year - age, 1, 1) if age is not None else None
    who = factories.person(by=network.practitioner_a, scheme=network.scheme_a, sex=sex, date_of_birth=born)
    return factories.episode(by=network.practitioner_a, site=network.custody_a, who=who)


def test_a_15_year_old_is_flagged_a_young_person(network):
    assert episode_of(network, age=15).young_person


def test_an_adult_is_not_flagged_a_young_person(network):
    assert not episode_of(network, age=18).young_person


def test_an_adult_female_is_flagged_a_woman(network):
    assert episode_of(network, sex=Sex.FEMALE, age=30).woman


def test_a_female_of_unknown_age_is_flagged_a_woman(network):
    assert episode_of(network, sex=Sex.FEMALE, age=None).woman


def test_a_girl_is_flagged_a_young_person_and_not_a_woman(network):
    girl = episode_of(network, sex=Sex.FEMALE, age=15)
    assert (girl.young_person, girl.woman) == (True, False)


@pytest.mark.parametrize("sex", [Sex.MALE, Sex.INDETERMINATE, Sex.NOT_KNOWN])
def test_only_a_female_is_flagged_a_woman(network, sex):
    assert not episode_of(network, sex=sex).woman


def test_the_young_person_flag_is_the_age_at_identification_not_today(network):
    episode = episode_of(network, age=15)
    episode.person.date_of_birth = date(1990, 1, 1)  # corrected later; the episode keeps its age band
    assert episode.young_person


def test_the_episode_page_shows_the_woman_flag(client, network):
    episode = episode_of(network, sex=Sex.FEMALE)
    page = html(signed_in(client, network.practitioner_a).get(reverse("pathway:episode", args=[episode.pk])))
    assert '<strong class="nhsuk-tag nhsuk-tag--purple">Woman</strong>' in page


def test_the_worklist_flags_a_woman(client, network):
    episode = episode_of(network, sex=Sex.FEMALE)
    row = row_with(
        html(signed_in(client, network.practitioner_a).get(reverse("pathway:worklist"))), episode.person.full_name
    )
    assert ">Woman</strong>" in row
    assert "Young person" not in row
