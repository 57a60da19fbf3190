"""`liaison sqlflush` prints the SQL that would empty the database: refused, like `flush`, on
anything but a test database (ADR 0015)."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import sqlflush
from django.db import connections

from liaison.core.management.commands.flush import refuse_unless_test_database


class Command(sqlflush.Command):
    help = "Print the SQL that empties a test database (refused on any other)."

    def handle(self, **options: Any) -> str:
        refuse_unless_test_database(connections[options["database"]], "sqlflush")
        return str(super().handle(**options))
