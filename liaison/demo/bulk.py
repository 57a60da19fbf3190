"""Saving millions of demo rows: plain INSERTs with `executemany`, ids handed out here.

`bulk_create` prepares each row through the ORM and, on SQLite, batches only as many rows as
fit 999 parameters: at national scale (about fifteen million rows) that is most of the build.
Here each model's INSERT is prepared once and every value goes through its field's own
`get_db_prep_save`, so what is stored is what the ORM would store, on SQLite and PostgreSQL.

Ids are given before saving (the tables are empty when the demo builds), so events, the
assessments and referrals they name and the findings on them point at each other without a
second pass; `finish` moves each table's sequence past the ids given (PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, ForeignKey, Max, Model

_BATCH = 5000


class Ids:
    """The next free id of each model with an integer primary key."""

    def __init__(self) -> None:
        self._next: dict[type[Model], int] = {}

    def give(self, rows: Iterable[Model]) -> None:
        for row in rows:
            model = type(row)
            if model not in self._next:
                last = model._default_manager.aggregate(last=Max("pk"))["last"]
                self._next[model] = (last or 0) + 1
            row.pk = self._next[model]
            self._next[model] += 1

    def models(self) -> list[type[Model]]:
        return list(self._next)


# Columns whose Python values the drivers take as they are (what `get_db_prep_save` returns).
_AS_IS = {
    "AutoField", "BigAutoField", "BooleanField", "CharField", "EmailField", "IntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "SmallIntegerField", "TextField",
}  # fmt: skip


def _prep(field: Field[Any, Any], db: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """A column's value as the database takes it. `get_db_prep_save` for each value would go
    through the connection proxy's thread-local lookups: most of the save's time at this scale."""
    kind = field.get_internal_type()
    if kind in _AS_IS:
        return lambda value: value
    if isinstance(field, ForeignKey):
        return _prep(field.target_field, db)
    if kind == "DateTimeField":
        adapt = db.ops.adapt_datetimefield_value
        return lambda value: None if value is None else adapt(value)
    return lambda value: field.get_db_prep_save(value, db)


def _value(field: Field[Any, Any], db: BaseDatabaseWrapper) -> Callable[[Model], Any]:
    """How one column's value is read off an unsaved row, as `save` would read it."""
    attname, prep = field.attname, _prep(field, db)

    if isinstance(field, ForeignKey):
        # A row assigned before it had an id leaves `<name>_id` empty; the cached row has it now.
        def related(row: Model) -> Any:
            value = getattr(row, attname)
            if value is None and field.is_cached(row):
                target = field.get_cached_value(row)
                value = target.pk if target is not None else None
            return prep(value)

        return related
    if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):

        def stamped(row: Model) -> Any:
            value = getattr(row, attname)
            return prep(value if value is not None else field.pre_save(row, add=True))

        return stamped
    return lambda row: prep(getattr(row, attname))


class Writer:
    """One INSERT per model, its rows sent in batches of `_BATCH`."""

    def __init__(self) -> None:
        self._inserts: dict[type[Model], tuple[str, list[Callable[[Model], Any]]]] = {}
        self.counts: dict[type[Model], int] = {}

    def _insert(self, model: type[Model]) -> tuple[str, list[Callable[[Model], Any]]]:
        if model not in self._inserts:
            fields = list(model._meta.concrete_fields)
            quote = connection.ops.quote_name
            columns = ", ".join(quote(f.column) for f in fields)
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
            db = connections[DEFAULT_DB_ALIAS]
            self._inserts[model] = (sql, [_value(f, db) for f in fields])
        return self._inserts[model]

    def write(self, model: type[Model], rows: list[Any]) -> None:
        sql, values = self._insert(model)
        with connection.cursor() as cursor:
            for start in range(0, len(rows), _BATCH):
                batch = rows[start : start + _BATCH]
                cursor.executemany(sql, [tuple(v(row) for v in values) for row in batch])
        self.counts[model] = self.counts.get(model, 0) + len(rows)


def reset_sequences(models: list[type[Model]]) -> None:
    """Each table's id sequence past the ids given here (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
