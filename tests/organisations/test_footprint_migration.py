"""The migration that replaced free-text force areas with footprints: each named force area
becomes all of its local authorities from the scheme's go-live; the rest is kept in a note."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from liaison.geography.reference import load_reference

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("organisations", "0003_footprints")]
AFTER = [("organisations", "0005_remove_scheme_police_force_areas")]


def migrate(targets=None):
    """To `targets` (the latest of every app when None), returning the apps as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_force_areas_written_as_text_become_footprints():
    # An earlier transactional test's flush may have emptied the migrations' reference data.
    load_reference()
    old = migrate(BEFORE)
    region = old.get_model("organisations", "Region").objects.create(code="Y56", name="London")
    for code, text in [
        ("LON", "Metropolitan Police Service, City of London Police"),
        ("AWI", "Avon & Somerset, Wiltshire, Atlantis"),
    ]:
        old.get_model("organisations", "Scheme").objects.create(
            code=code, name=code, provider="Trust", region=region, wave=1, go_live=date(2014, 4, 1),
            police_force_areas=text,
        )  # fmt: skip
    try:
        new = migrate(AFTER)
        Footprint = new.get_model("organisations", "Footprint")
        london = Footprint.objects.filter(scheme__code="LON")
        assert london.count() == 33  # 32 boroughs and the City
        assert set(london.values_list("effective_from", flat=True)) == {date(2014, 4, 1)}
        assert not london.exclude(effective_to=None).exists()
        awi = new.get_model("organisations", "Scheme").objects.get(code="AWI")
        names = set(Footprint.objects.filter(scheme=awi).values_list("local_authority__name", flat=True))
        assert {"Somerset", "Bristol, City of", "Swindon", "Wiltshire"} <= names
        assert awi.footprint_note == (
            "Taken from whole force areas: Avon and Somerset, Wiltshire; Not a force area: Atlantis"
        )
    finally:
        migrate()
