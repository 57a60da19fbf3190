"""The data migration that rebuilds every person's blocking keys with the current rules.

Its schema is today's (it changes data only), so it runs here on rows made with today's models,
through today's models and through the historical ones the migration is given.
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from liaison.linkage.models import MatchKey
from liaison.people.models import Alias
from tests import factories

MIGRATION = importlib.import_module("liaison.linkage.migrations.0004_rebuild_match_keys")


def test_keys_of_the_old_rules_are_replaced_by_the_current_ones(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a, given_name="Jordan")
    Alias.objects.create(person=person, given_name="Jay", family_name="Ash")
    current = set(MatchKey.objects.filter(person=person).values_list("key", flat=True))
    MatchKey.objects.filter(person=person).delete()
    MatchKey.objects.create(person=person, key="df:1990-05-17:A263")  # an old rule's key
    MIGRATION.rebuild(apps, None)
    assert set(MatchKey.objects.filter(person=person).values_list("key", flat=True)) == current
    assert "nm:JAY:ASH" in current


def test_it_runs_on_the_historical_models_and_stores_what_the_keys_module_does(network):
    person = factories.person(by=network.practitioner_a, scheme=network.scheme_a, given_name="Jordan")
    Alias.objects.create(person=person, given_name="Jay", family_name="Ash")
    current = set(MatchKey.objects.filter(person=person).values_list("key", flat=True))
    MatchKey.objects.all().delete()
    historical = MigrationLoader(connection).project_state(("linkage", "0004_rebuild_match_keys")).apps
    MIGRATION.rebuild(historical, None)
    assert set(MatchKey.objects.filter(person=person).values_list("key", flat=True)) == current
