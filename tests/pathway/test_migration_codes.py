"""The data migration that corrects stored referral sources and drops the retired concerns.

Its schema is today's (it changes data only), so it runs here on rows made with today's models.
"""

from __future__ import annotations

import importlib

from django.apps import apps

from liaison.pathway.models import Episode, PathwayEvent
from tests import factories

MIGRATION = importlib.import_module("liaison.pathway.migrations.0005_correct_referral_sources_and_concerns")


def stored(network, **values):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    Episode.objects.filter(pk=episode.pk).update(**values)
    return episode


def migrate():
    MIGRATION.forwards(apps, None)


def source_of(episode):
    return Episode.objects.get(pk=episode.pk).referral_source


def test_every_stored_d1_meant_education_and_becomes_c2(network):
    episode = stored(network, referral_source="D1")
    migrate()
    assert source_of(episode) == "C2"


def test_every_stored_q1_meant_a_temporary_transfer_and_becomes_i1(network):
    episode = stored(network, referral_source="Q1")
    migrate()
    assert source_of(episode) == "I1"


def test_codes_that_always_meant_what_they_mean_now_are_left_alone(network):
    kept = [stored(network, referral_source=code) for code in ("E1", "E5", "B2", "A1", "G4", "C1")]
    migrate()
    assert [source_of(e) for e in kept] == ["E1", "E5", "B2", "A1", "G4", "C1"]


def test_a_value_that_is_not_a_code_is_left_as_it_is_and_listed(network, capsys):
    episode = stored(network, referral_source="ZZ")
    migrate()
    assert source_of(episode) == "ZZ"
    assert "referral source 'ZZ' on 1 episode(s) is not a code of the list" in capsys.readouterr().out


def test_nothing_is_listed_when_every_value_is_a_code(network, capsys):
    stored(network, referral_source="D1")
    migrate()
    assert capsys.readouterr().out == ""


def test_the_retired_concerns_are_dropped_and_the_others_kept(network):
    episode = stored(network, concerns=["mental_health", "woman", "young_person"])
    migrate()
    assert Episode.objects.get(pk=episode.pk).concerns == ["mental_health"]


def test_pathway_events_are_not_rewritten(network):
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a, referral_source="D1")
    before = list(PathwayEvent.objects.filter(episode=episode).values("id", "data"))
    migrate()
    assert source_of(episode) == "C2"
    assert list(PathwayEvent.objects.filter(episode=episode).values("id", "data")) == before
