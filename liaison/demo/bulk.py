"""Saving millions of demo rows: each row turned into its table's values, ids handed out here.

`bulk_create` prepares each row through the ORM and, on SQLite, batches only as many rows as
fit 999 parameters: at national scale (about fifteen million rows) that would be most of the
build. Here each model's columns are read straight off the unsaved rows and only the values the
driver cannot take as they are (times, UUIDs, JSON) are converted, as the field's own
`get_db_prep_save` converts them (a test compares the two), so what is stored is what the ORM
would store. `loading` sends the values to the database.

Ids are given before saving (the tables are empty when the demo builds), so events, the
assessments and referrals they name and the findings on them point at each other without a
second pass; `loading` moves each table's sequence past the ids given (PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, ForeignKey, Max, Model
from django.utils import timezone

_INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField"}


class Ids:
    """The next free id of each model with an integer primary key, read once at the start.

    Models keyed by UUID (people, episodes, consents) are left out: their ids come from the
    seed with the rows. Each of the build's simulations gives every `step`-th id from its own
    `offset`, so they never give the same one and none has to wait for another to know where
    its ids begin."""

    def __init__(self, models: Iterable[type[Model]], *, offset: int = 0, step: int = 1) -> None:
        numbered = [m for m in models if m._meta.pk.get_internal_type() in _INTEGER_KEYS]
        self._first = {m: (m._default_manager.aggregate(last=Max("pk"))["last"] or 0) + 1 for m in numbered}
        self._next = {m: first + offset for m, first in self._first.items()}
        self._step = step

    def interleaved(self, offset: int, step: int) -> Ids:
        """The ids of simulation `offset` of `step`, from the same first ids (no query)."""
        ids = Ids([], offset=offset, step=step)
        ids._first = dict(self._first)
        ids._next = {m: first + offset for m, first in self._first.items()}
        return ids

    def gives(self, model: type[Model]) -> bool:
        """Whether ids of `model` are handed out here (it has an integer key)."""
        return model in self._next

    def give(self, model: type[Model], rows: list[Any]) -> None:
        pk, step = self._next[model], self._step
        for row in rows:
            row.pk = pk
            pk += step
        self._next[model] = pk

    def models(self) -> list[type[Model]]:
        return list(self._first)


# `json.dumps` with its defaults, as `adapt_json_value` calls it, without building an encoder
# for each value (a third of the time of a small payload); the same text.
_ENCODER = json.JSONEncoder()
_make_encoder = getattr(json.encoder, "c_make_encoder", None)
_encode = (
    _make_encoder(None, _ENCODER.default, json.encoder.encode_basestring_ascii, None, ": ", ", ", False, False, True)
    if _make_encoder is not None
    else None
)


def _json(value: Any) -> str:
    if _encode is None or isinstance(value, str):
        return _ENCODER.encode(value)
    return "".join(_encode(value, 0))


def _sqlite_datetime(value: datetime | None) -> str | None:
    """As `adapt_datetimefield_value`: naive in the connection's zone (UTC), as `str` writes it."""
    if value is None:
        return None
    if value.tzinfo is UTC:  # most of them: the simulation's steps are in UTC
        return value.isoformat(" ")[:-6]
    return str(value.astimezone(UTC).replace(tzinfo=None))


def _or_none(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


def _conversion(field: Field[Any, Any], db: BaseDatabaseWrapper) -> Callable[[Any], Any] | None:
    """How a column's value becomes what the driver takes, or None where it takes it as it is.
    None stays None (NULL), except in JSON, where it is `null` as the ORM stores it."""
    if isinstance(field, ForeignKey):
        return _conversion(field.target_field, db)
    kind, sqlite = field.get_internal_type(), db.vendor == "sqlite"
    if kind in ("AutoField", "BigAutoField", "BooleanField", "IntegerField", "SmallIntegerField"):
        return None
    if kind in ("PositiveIntegerField", "PositiveSmallIntegerField", "CharField", "TextField", "EmailField"):
        return None
    if kind == "DateTimeField":
        return _sqlite_datetime if sqlite else None
    if kind == "DateField":
        return _or_none(str) if sqlite else None
    if kind == "UUIDField":
        return _or_none(lambda value: value.hex) if sqlite else None
    if kind == "JSONField":
        # PostgreSQL takes the same text for jsonb.
        return _json
    return lambda value: field.get_db_prep_save(value, db)


class Table:
    """One model's table: its columns and how unsaved rows become their values, a column at a
    time (each column's conversion mapped over it: a loop per value in Python was most of it)."""

    def __init__(self, model: type[Model], db: BaseDatabaseWrapper) -> None:
        fields: list[Field[Any, Any]] = list(model._meta.concrete_fields)
        self.model = model
        self.name = model._meta.db_table
        self.columns = [f.column for f in fields]
        self._get = itemgetter(*[f.attname for f in fields])
        # A row assigned before it had an id leaves `<name>_id` empty; the cached row has it now.
        self._related = [(i, f.name) for i, f in enumerate(fields) if isinstance(f, ForeignKey)]
        # Set on save when empty (`pre_save`): now.
        self._stamped = [
            i for i, f in enumerate(fields) if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
        ]
        conversions = [(i, _conversion(f, db)) for i, f in enumerate(fields)]
        self._conversions = [(i, c) for i, c in conversions if c is not None]

    def values(self, rows: list[Model]) -> list[tuple[Any, ...]]:
        if not rows:
            return []
        columns = [list(c) for c in zip(*map(self._get, [row.__dict__ for row in rows]), strict=True)]
        for i, name in self._related:
            column = columns[i]
            for k in [k for k, value in enumerate(column) if value is None]:
                target = rows[k]._state.fields_cache.get(name)
                if target is not None:
                    column[k] = target.pk
        for i in self._stamped:
            column = columns[i]
            for k in [k for k, value in enumerate(column) if value is None]:
                column[k] = timezone.now()
        for i, convert in self._conversions:
            columns[i] = list(map(convert, columns[i]))
        return list(zip(*columns, strict=True))
