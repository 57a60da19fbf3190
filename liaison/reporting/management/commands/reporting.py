"""`liaison reporting refresh [--full] [--rotate]`: bring the analytical store up to date.

`liaison reporting measures`: the catalogue of measures (name, version, description, events read).
"""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from liaison.core.schedule import add_every, repeat
from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.pseudonym import new_key_file
from liaison.reporting.store import analytics_dir


class Command(BaseCommand):
    help = "The pseudonymised analytical store (Parquet by month) of the operational events."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{refresh,measures}")
        run = actions.add_parser("refresh", help="Rewrite the months whose events changed since the last run")
        run.add_argument("--full", action="store_true", help="Rebuild every month")
        run.add_argument(
            "--rotate",
            action="store_true",
            help="Development: generate a new pseudonym key in the data directory and rebuild with it",
        )
        add_every(run, what="refreshing")

        actions.add_parser("measures", help="List the measures: name, version, description, events read")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "measures":
            self._catalogue()
            return
        if options["rotate"]:
            if os.environ.get("LIAISON_PSEUDONYM_KEY"):
                raise CommandError(
                    "the key comes from LIAISON_PSEUDONYM_KEY: set it to the new key and run "
                    "`liaison reporting refresh`; the store is rebuilt because the key changed"
                )
            new_key_file()
        every = options["every"]
        repeat(
            every,
            first=lambda: self._refresh(full=options["full"], progress=every is None),
            then=lambda: self._refresh(full=False, progress=False),
            failed=lambda why: self.stderr.write(f"Analytics store refresh failed: {why}"),
        )

    def _refresh(self, *, full: bool, progress: bool) -> None:
        result = refresh_in_turn(full=full, progress=progress)
        what = "rebuilt" if result.rebuilt else "refreshed"
        self.stdout.write(
            f"Analytics store {what} at {analytics_dir()}: {len(result.rewritten)} months written, "
            f"{len(result.unchanged)} unchanged"
        )
        self.stdout.flush()

    def _catalogue(self) -> None:
        from liaison.reporting.measures import REGISTRY

        for m in REGISTRY.values():
            self.stdout.write(f"{m.name} v{m.version}")
            self.stdout.write(f"    {m.description}")
            if m.is_rate:
                self.stdout.write(f"    Rate: {m.numerator} / {m.denominator}")
            if m.by:
                self.stdout.write(f"    By: {', '.join(m.by)}")
            self.stdout.write(f"    Figures: {', '.join(m.columns)}")
            self.stdout.write(f"    Reads: {', '.join(m.reads)}")
