"""`liaison standards load [FILE]`: load a standards framework file (the shipped one by
default); `liaison standards list`: the versions loaded. Loading is idempotent: the same
version again changes nothing; a changed file under a loaded version is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.errors import DomainError
from liaison.standards.framework import DEFAULT_FILE, load
from liaison.standards.models import Framework


class Command(BaseCommand):
    help = "Load a quality standards framework from its file, or list those loaded."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        loading = sub.add_parser("load", help="Load a framework file (default: the shipped 2019 framework)")
        loading.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
        sub.add_parser("list", help="The framework versions loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for f in Framework.objects.order_by("code", "version"):
                count = f.criteria.count()
                self.stdout.write(f"{f.code} v{f.version}: {f.title} ({count} criteria, loaded {f.loaded_at:%Y-%m-%d})")
            return
        try:
            loaded = load(Path(options["file"]))
        except DomainError as e:
            raise CommandError(e.message) from None
        f = loaded.framework
        verb = "Loaded" if loaded.created else "Already loaded, unchanged:"
        self.stdout.write(f"{verb} {f.code} version {f.version} ({f.criteria.count()} criteria).")
        for name in loaded.unknown_measures:
            self.stdout.write(f"Not in the reporting catalogue yet, shown without a figure: {name}")
