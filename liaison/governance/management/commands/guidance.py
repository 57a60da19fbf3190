"""`liaison guidance load [FILE]`: load the good-practice guidance library (the shipped one by
default; load the standards framework first, since documents name its criteria);
`liaison guidance list`: the documents loaded. Loading is idempotent, like `liaison standards
load`: loaded versions are unchanged, a changed file under a loaded version is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.errors import DomainError
from liaison.governance.guidance import DEFAULT_FILE, load
from liaison.governance.models import GuidanceDocument


class Command(BaseCommand):
    help = "Load the good-practice guidance library from its file, or list the documents loaded."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        loading = sub.add_parser("load", help="Load a guidance file (default: the shipped library)")
        loading.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
        sub.add_parser("list", help="The guidance documents loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for d in GuidanceDocument.objects.order_by("code", "version"):
                state = "current" if d.current else f"superseded by {d.superseded_by}"
                self.stdout.write(f"{d.code} v{d.version}: {d.title} ({d.published_on:%Y-%m-%d}, {state})")
            return
        try:
            loaded = load(Path(options["file"]))
        except DomainError as e:
            raise CommandError(e.message) from None
        self.stdout.write(f"Loaded {loaded.created} guidance documents; {loaded.unchanged} already loaded, unchanged.")
