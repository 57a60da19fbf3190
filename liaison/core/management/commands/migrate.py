"""`liaison migrate` refuses to unapply migrations (`migrate APP zero`, or back to an earlier one)
on anything but a test database: going backwards drops columns and tables, and with them audit
rows and clinical history, which nothing in Liaison deletes (ADR 0015). Forward migrations and
`--plan` run as Django's own."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import migrate
from django.db import connections
from django.db.migrations.exceptions import AmbiguityError
from django.db.migrations.executor import MigrationExecutor

from liaison.core.management.commands.flush import refuse_unless_test_database


def _unapplies(database: str, app_label: str, name: str) -> bool:
    connection = connections[database]
    executor = MigrationExecutor(connection)
    if name == "zero":
        target: tuple[str, str | None] = (app_label, None)
    else:
        try:
            migration = executor.loader.get_migration_by_prefix(app_label, name)
        except (KeyError, AmbiguityError):
            return False  # Django's own command gives the clear error for an unknown name
        target = (app_label, migration.name)
    return any(backwards for _, backwards in executor.migration_plan([target]))


class Command(migrate.Command):
    help = "Apply migrations; unapplying them is refused except on a test database. " + migrate.Command.help

    def handle(self, *args: Any, **options: Any) -> None:
        app_label, name = options.get("app_label"), options.get("migration_name")
        if app_label and name and not options.get("plan") and _unapplies(options["database"], app_label, name):
            refuse_unless_test_database(connections[options["database"]], f"migrate {app_label} {name}")
        super().handle(*args, **options)
