"""The latest screening's urgency is kept on the episode by the one projection, voids included,
and a replay of the events gives what the row holds."""

from __future__ import annotations

import importlib
from datetime import timedelta

from django.apps import apps

from liaison.core import clock
from liaison.pathway.actions import entry_void, episode_note
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.projection import Projection, project
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.instruments.actions import instrument_record
from tests import factories
from tests.screening import answers

MIGRATION = importlib.import_module("liaison.pathway.migrations.0006_episode_urgency")


def screen(network, episode, urgency, **kwargs):
    return screening_record(
        by=network.practitioner_a,
        episode=episode,
        findings=[FindingInput("mental_health", "suspected")],
        urgency=urgency,
        needs_assessment=False,
        **kwargs,
    )


def void(network, episode, event):
    return entry_void(by=network.practitioner_a, episode=episode, event=event, reason="Wrong person")


def urgency_of(episode):
    return Episode.objects.get(pk=episode.pk).urgency


def replayed(episode):
    return project(PathwayEvent.objects.filter(episode=episode).order_by("occurred_at", "id"))


def test_an_episode_not_yet_screened_has_no_urgency(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    assert urgency_of(episode) == ""


def test_the_latest_screening_sets_the_urgency(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)
    screen(network, episode, "routine", occurred_at=clock.now() - timedelta(minutes=30))
    screen(network, episode, "immediate")
    assert urgency_of(episode) == "immediate"


def test_voiding_the_latest_screening_goes_back_to_the_one_before(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)
    screen(network, episode, "routine", occurred_at=clock.now() - timedelta(minutes=30))
    latest = screen(network, episode, "immediate")
    void(network, episode, latest)
    assert urgency_of(episode) == "routine"
    assert replayed(episode) == Projection.of(Episode.objects.get(pk=episode.pk))


def test_voiding_an_earlier_screening_leaves_the_latest_standing(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)
    earlier = screen(network, episode, "routine", occurred_at=clock.now() - timedelta(minutes=30))
    screen(network, episode, "same_day")
    void(network, episode, earlier)
    assert urgency_of(episode) == "same_day"


def test_voiding_the_only_screening_leaves_no_urgency(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    void(network, episode, screen(network, episode, "immediate"))
    assert urgency_of(episode) == ""


def test_the_core_screen_records_urgency_and_a_phq9_does_not_change_it(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)
    at = clock.now() - timedelta(minutes=20)
    instrument_record(
        by=network.practitioner_a,
        episode=episode,
        instrument="ld-core",
        answers=answers.ld_core(urgency="immediate"),
        occurred_at=at,
    )
    instrument_record(by=network.practitioner_a, episode=episode, instrument="phq9", answers=answers.phq9())
    assert urgency_of(episode) == "immediate"


def test_voiding_a_note_changes_no_urgency(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    screen(network, episode, "same_day")
    note = episode_note(by=network.practitioner_a, episode=episode, text="Rang the duty solicitor")
    void(network, episode, note)
    assert urgency_of(episode) == "same_day"


def test_a_screening_dated_ahead_and_voided_before_its_time_replays_as_the_row_holds(network):
    # A terminal clock a few minutes fast: the void, dated now, comes before it in the replay.
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    ahead = screen(network, episode, "immediate", occurred_at=clock.now() + timedelta(minutes=4))
    void(network, episode, ahead)
    row = Projection.of(Episode.objects.get(pk=episode.pk))
    assert row.urgency == ""
    assert replayed(episode) == row


def test_the_migration_fills_the_urgency_of_episodes_screened_before_it(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, minutes_ago=60)
    screen(network, episode, "routine", occurred_at=clock.now() - timedelta(minutes=40))
    screen(network, episode, "same_day", occurred_at=clock.now() - timedelta(minutes=20))
    void(network, episode, screen(network, episode, "immediate"))
    unscreened = factories.episode(by=network.practitioner_a, site=network.custody_a)
    before = Projection.of(Episode.objects.get(pk=episode.pk))
    Episode.objects.update(urgency="", screening_urgencies=[])

    MIGRATION.forwards(apps, None)

    assert Projection.of(Episode.objects.get(pk=episode.pk)) == before
    assert before.urgency == "same_day" and len(before.screening_urgencies) == 2
    assert urgency_of(unscreened) == ""
