"""`liaison events catalogue [--json]` and `liaison events verify`: the event contract."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from liaison.core.events import EVENTS, catalogue
from liaison.pathway.verify import verify


class Command(BaseCommand):
    help = "Print the event catalogue (every tag, version and JSON Schema), or verify stored events."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{catalogue,verify}")
        listing = actions.add_parser("catalogue", help="Every event tag with its version and JSON Schema")
        listing.add_argument("--json", action="store_true", help="The whole catalogue as one JSON document")
        actions.add_parser(
            "verify", help="Validate every stored payload and replay every episode; exit 1 on any difference"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "catalogue":
            self._catalogue(as_json=options["json"])
        else:
            self._verify()

    def _catalogue(self, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(catalogue(), indent=2, sort_keys=True))
            return
        for t in EVENTS.all():
            fields = ", ".join(t.payload.model_json_schema().get("properties", {}))
            flags = " voidable" if t.voidable else ""
            self.stdout.write(f"{t.tag:<26} v{t.version}  {t.stream:<12}{flags}\n    {t.label}: {fields}")

    def _verify(self) -> None:
        report = verify()
        for line in report.invalid[:50]:
            self.stdout.write(f"invalid payload: {line}")
        for line in report.differences[:50]:
            self.stdout.write(f"projection differs: {line}")
        self.stdout.write(
            f"{report.events:,} events checked, {len(report.invalid):,} invalid; "
            f"{report.episodes:,} episodes replayed, {len(report.differences):,} differ"
        )
        if not report.ok:
            raise CommandError("the stored events do not verify")
