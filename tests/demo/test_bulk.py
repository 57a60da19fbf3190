"""The national build's rows as column values: what the ORM itself would send for each column."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import ForeignKey, JSONField, Model

from liaison.demo import national
from liaison.demo.build import setup
from liaison.demo.bulk import Ids, Table
from liaison.demo.hours import local

from .conftest import TODAY


def _orm(row: Model) -> list[Any]:
    """Each column's value as `save` prepares it."""
    values = []
    for field in row._meta.concrete_fields:
        value = getattr(row, field.attname)
        target = field.get_cached_value(row, None) if isinstance(field, ForeignKey) else None
        if value is None and target is not None:
            value = target.pk
        prepared = field.get_db_prep_save(value, connection)
        # PostgreSQL's JSON adapter wraps the value; the load sends its text.
        values.append(
            json.dumps(prepared.obj) if isinstance(field, JSONField) and hasattr(prepared, "obj") else prepared
        )
    return values


def test_every_tables_values_are_the_orms(db):
    until = local(date.fromisoformat(TODAY), 16, 0)
    _, _, sim = setup(seed=3, until=until, password_hash="x")
    for plan in sim.plans(300, days=60):
        sim.play(plan)
    rows = sim.out
    models = list(national._MODELS)
    tables = {m: Table(m, connection) for m in models}
    ids = Ids(models)
    values = dict(national._rows(rows, ids, tables))
    written = {
        national.Person: rows.people,
        national.Episode: [d.episode for d in rows.drafts],
        national.PathwayEvent: [e for d in rows.drafts for e in d.events]
        + [e for d in rows.drafts for e in d.voids]
        + [late.event for d in rows.drafts for late in d.late],
        national.Finding: [f for d in rows.drafts for f in d.findings],
        national.Referral: [r for d in rows.drafts for r in d.referrals],
        national.Consent: [c for d in rows.drafts for c in d.consents],
        national.InstrumentResponse: [r for d in rows.drafts for r in d.instrument_responses],
        national.InformationShare: [s for d in rows.drafts for s in d.shares],
    }
    for model, made in written.items():
        assert made, model
        assert values[model] == [tuple(_orm(row)) for row in made], model
    # The rows assigned before they had ids (a void's event, a finding's screening) name them.
    voids = tables[national.PathwayEvent].columns.index("voids_id")
    assert any(v[voids] for v in values[national.PathwayEvent])
    assert all(v[tables[national.Finding].columns.index("event_id")] for v in values[national.Finding])
    # A share names its findings and referral events by the ids given (none left at the placeholder).
    given = {f.pk for d in rows.drafts for f in d.findings}
    shared = [late.event.data for d in rows.drafts for late in d.late if late.event.kind == "share:make"]
    assert shared and all(set(data["finding_ids"]) <= given and 0 not in data["referral_event_ids"] for data in shared)


def test_ids_are_handed_out_only_for_integer_keys(db):
    ids = Ids(national._MODELS)
    assert ids.gives(national.Finding)
    assert not any(ids.gives(m) for m in (national.Person, national.Episode, national.Consent))


def test_interleaved_ids_never_meet():
    ids = Ids([])
    ids._first = {national.Finding: 11}
    a, b = ids.interleaved(0, 2), ids.interleaved(1, 2)
    rows_a, rows_b = [national.Finding() for _ in range(3)], [national.Finding() for _ in range(4)]
    a.give(national.Finding, rows_a)
    b.give(national.Finding, rows_b)
    assert [r.pk for r in rows_a] == [11, 13, 15]
    assert [r.pk for r in rows_b] == [12, 14, 16, 18]
