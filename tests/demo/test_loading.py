"""The load drops indexes (and on PostgreSQL foreign keys) for its duration: they come back."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from liaison.demo import national
from liaison.demo.hours import local
from liaison.pathway.models import PathwayEvent

from .conftest import FAST_HASHERS, TODAY


def _schema() -> dict[str, dict[str, object]]:
    with connection.cursor() as cursor:
        return {
            table: {
                name: (c["columns"], c["unique"], c["foreign_key"], c["index"])
                for name, c in connection.introspection.get_constraints(cursor, table).items()
            }
            for table in (m._meta.db_table for m in national._MODELS)
        }


def test_the_load_puts_back_every_index_and_key(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    before = _schema()
    with transaction.atomic():
        national.build(seed=2, until=local(date.fromisoformat(TODAY), 16, 0), password_hash="x", episodes=30,
                       progress=False)  # fmt: skip
        assert _schema() == before
        transaction.set_rollback(True)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's settings for the load")
def test_sqlite_gets_its_settings_back_after_the_command_builds(transactional_db, settings, tmp_path, monkeypatch):
    """Outside a transaction (as the command runs it) the load changes SQLite's journal,
    foreign keys and fsync for its duration only."""
    settings.PASSWORD_HASHERS, settings.DATA_DIR = FAST_HASHERS, tmp_path
    monkeypatch.setenv("LIAISON_DEMO_PASSWORD", "x")

    def pragmas() -> list[object]:
        with connection.cursor() as cursor:
            found = []
            for name in ("journal_mode", "synchronous", "foreign_keys", "cache_size"):
                cursor.execute(f"PRAGMA {name}")
                found.append(cursor.fetchone()[0])
            return found

    before = pragmas()
    call_command("demo", "--scale", "national", "--episodes", "40", "--today", TODAY, verbosity=0, stdout=StringIO())
    assert pragmas() == before
    assert PathwayEvent.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_key_check")
        assert cursor.fetchall() == []
