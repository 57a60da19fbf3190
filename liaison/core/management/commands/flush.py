"""`liaison flush` empties only a test database (ADR 0015): the tests' own flush between
transactional tests is the one use. A real database holds the audit log and clinical history,
which nothing in Liaison deletes; to start a local demo again, remove the database file (or drop
the database) deliberately, outside the application."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from liaison.core.triggers import lifted


def is_test_database(connection: BaseDatabaseWrapper) -> bool:
    """Django's test databases: `test_<name>` (PostgreSQL, and SQLite given a test name) or
    SQLite in memory (the test runner's default)."""
    name = str(connection.settings_dict["NAME"] or "")
    if connection.vendor == "sqlite" and connection.is_in_memory_db():  # type: ignore[attr-defined]
        return True
    return Path(name).name.startswith("test_")


def refuse_unless_test_database(connection: BaseDatabaseWrapper, command: str) -> None:
    if not is_test_database(connection):
        raise CommandError(
            f"{command} refused: {connection.settings_dict['NAME']} is not a test database. Liaison never "
            "deletes the audit log or clinical history; to start again, remove the database deliberately."
        )


class Command(flush.Command):
    help = "Empty a test database (refused on any other). " + flush.Command.help

    def handle(self, **options: Any) -> None:
        database = options["database"]
        refuse_unless_test_database(connections[database], "flush")
        # The append-only triggers would refuse the DELETEs (SQLite) and TRUNCATE (PostgreSQL).
        with lifted(database):
            super().handle(**options)
