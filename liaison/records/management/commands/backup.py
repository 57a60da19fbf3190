"""`liaison backup [--output FILE]`: a consistent copy of the database and its manifest (ADR 0026)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from liaison.records.backup import BackupError, backup, manifest_path


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump) with a manifest beside it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="the backup file (default: LIAISON_DATA_DIR/backups/liaison-<time>.<kind>)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            written = backup(to=options["output"])
        except BackupError as e:
            raise CommandError(e.message) from None
        self.stdout.write(f"Backed up to {written} (manifest {manifest_path(written).name})")
