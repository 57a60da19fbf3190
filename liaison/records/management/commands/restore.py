"""`liaison restore FILE [--replace]`: restore a backup into an empty database and check it (ADR 0026)."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from liaison.records.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `liaison backup`, then check its rows and hash chains."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file (its .json manifest beside it)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="SQLite only: move the current database file aside (kept, never deleted) and restore in its place",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restored = restore(source=options["file"], replace=options["replace"])
        except BackupError as e:
            raise CommandError(e.message) from None
        if restored.moved_aside:
            self.stdout.write(f"The database that was here is kept at {restored.moved_aside}")
        self.stdout.write(f"Restored {restored.rows} rows in {restored.tables} tables, as the manifest lists")
        if restored.report.broken:
            for broken in restored.report.broken:
                self.stderr.write(f"BROKEN {broken}")
            sys.exit(1)
        self.stdout.write(f"Hash chains intact: {restored.report.rows} rows under {restored.report.seals} seals")
