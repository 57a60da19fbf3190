"""Records past the retention schedule are reported for review, never removed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.pathway.actions import episode_close
from liaison.pathway.models import Episode
from liaison.people.models import Person
from liaison.records.retention import episodes_past_retention, people_past_retention
from tests import factories


def closed_years_ago(network, years: float, who=None) -> Episode:
    minutes = int(years * 365.25 * 24 * 60)
    e = factories.episode(by=network.practitioner_a, site=network.custody_a, who=who, minutes_ago=minutes + 60)
    episode_close(
        by=network.practitioner_a,
        episode=e,
        justice_outcome="no_further_action",
        ld_outcome="no_further_ld_action",
        occurred_at=e.identified_at + timedelta(minutes=30),
    )
    e.refresh_from_db()
    return e


def test_an_episode_closed_more_than_twenty_years_ago_is_past_retention(network, settings):
    old = closed_years_ago(network, 21)
    recent = closed_years_ago(network, 19)
    listed = list(episodes_past_retention(as_of=date.today()))
    assert old in listed
    assert recent not in listed


def test_an_open_episode_is_never_past_retention(network):
    factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=int(22 * 365.25 * 24 * 60))
    assert not episodes_past_retention(as_of=date.today()).exists()


def test_the_period_comes_from_the_settings(network, settings):
    e = closed_years_ago(network, 12)
    assert e not in episodes_past_retention(as_of=date.today())
    settings.RETENTION_EPISODE_YEARS = 10
    assert e in episodes_past_retention(as_of=date.today())


def test_a_person_is_kept_while_any_of_their_episodes_is(network):
    old = closed_years_ago(network, 22)
    Person.objects.filter(pk=old.person_id).update(created_at=old.identified_at)
    assert old.person in people_past_retention(as_of=date.today())
    closed_years_ago(network, 2, who=old.person)
    assert old.person not in people_past_retention(as_of=date.today())


def test_the_report_lists_ids_not_names_and_removes_nothing(network, capsys):
    old = closed_years_ago(network, 22)
    call_command("retention")
    out = capsys.readouterr().out
    assert "20 years after the last contact" in out
    assert str(old.pk) in out
    assert old.person.family_name not in out
    assert Episode.objects.filter(pk=old.pk).exists()


def test_the_report_refuses_a_bad_date_or_an_unknown_scheme(network):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("retention", "--as-of", "1 December")
    with pytest.raises(CommandError, match="No scheme"):
        call_command("retention", "--scheme", "ZZ")
