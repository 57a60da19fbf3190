"""Append-only in the database itself (ADR 0015): a trigger on every append-only table refuses
UPDATE and DELETE (and TRUNCATE on PostgreSQL), whoever sends them.

`AppendOnlyModel` already refuses changes through the ORM; the triggers stop what goes around
it: a raw SQL fix, a script, another program on the same database. They are installed after
every `migrate` for every concrete `AppendOnlyModel` (the audit log and every event table), so
a new event table is covered without a migration of its own, and a table SQLite rebuilds in a
later migration (dropping its triggers with it) gets them back.

Only `flush` on a test database lifts them (`lifted`), inside the one transaction that empties
the tables, so no other connection ever sees the tables without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from liaison.core.models import AppendOnlyModel

_FUNCTION = "liaison_append_only"

# PostgreSQL: one function raises for every table and operation; restrict_violation (SQLSTATE
# 23001) reaches Django as IntegrityError, as SQLite's RAISE(ABORT) does.
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END
$$
"""


def append_only_tables() -> list[str]:
    """The table of every concrete append-only model, in a stable order."""
    return sorted(
        m._meta.db_table
        for m in apps.get_models()
        if issubclass(m, AppendOnlyModel) and not m._meta.proxy and m._meta.managed
    )


def _triggers(vendor: str, table: str) -> dict[str, str]:
    """Trigger name -> the SQL that creates it. SQLite names are per database, so they carry the
    table's name; PostgreSQL's are per table."""
    if vendor == "postgresql":
        run = f"EXECUTE FUNCTION {_FUNCTION}()"
        return {
            "append_only": f'CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON "{table}" FOR EACH ROW {run}',
            "append_only_truncate": f'CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON "{table}" {run}',
        }
    if vendor == "sqlite":
        return {
            f"{table}_append_only_{op}": (
                f'CREATE TRIGGER "{table}_append_only_{op}" BEFORE {op.upper()} ON "{table}" '
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op.upper()} refused'); END"
            )
            for op in ("update", "delete")
        }
    return {}


def _present(connection: BaseDatabaseWrapper, table: str) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [f'"{table}"']
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        return {row[0] for row in cursor.fetchall()}


def missing(using: str = "default") -> dict[str, list[str]]:
    """Table -> the names of its append-only triggers that are not there (empty when all are)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    out = {}
    for table in append_only_tables():
        if table not in existing:
            continue
        absent = sorted(set(_triggers(connection.vendor, table)) - _present(connection, table))
        if absent:
            out[table] = absent
    return out


def install(using: str = "default") -> None:
    """Create the triggers that are missing on the append-only tables that exist."""
    connection = connections[using]
    todo = missing(using)
    if not todo:
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
        for table, names in todo.items():
            sql = _triggers(connection.vendor, table)
            for name in names:
                cursor.execute(sql[name])


def install_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    install(using)


@contextmanager
def lifted(using: str = "default") -> Iterator[None]:
    """The triggers dropped for the block and put back after it, all in one transaction. Only
    for `flush` on a test database, and for tests that tamper with a row on purpose."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            for table in (t for t in append_only_tables() if t in existing):
                for name in _present(connection, table) & set(_triggers(connection.vendor, table)):
                    on = f' ON "{table}"' if connection.vendor == "postgresql" else ""
                    cursor.execute(f'DROP TRIGGER "{name}"{on}')
        yield
        install(using)
