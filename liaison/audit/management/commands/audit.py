"""`liaison audit seal [--every SECONDS]`: seal the rows written since the last seal (ADR 0017).

`liaison audit verify`: walk every append-only table's hash chain; exit 1 naming the first
broken row or seal.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from liaison.audit import chain
from liaison.core.schedule import add_every, repeat


class Command(BaseCommand):
    help = "The hash chain over the audit log and every event table."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{seal,verify}")
        seal = actions.add_parser("seal", help="Seal the rows written since each table's last seal")
        add_every(seal, what="sealing")
        actions.add_parser("verify", help="Check every chain; exit 1 naming the first broken row")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self._verify()
            return
        repeat(
            options["every"],
            first=self._seal,
            then=self._seal,
            failed=lambda why: self.stderr.write(f"Sealing failed: {why}"),
        )

    def _seal(self) -> None:
        sealed = chain.seal_all()
        total = sum(sealed.values())
        tables = sum(1 for n in sealed.values() if n)
        self.stdout.write(f"Sealed {total} rows in {tables} tables; anchors in {chain.anchor_path()}")

    def _verify(self) -> None:
        report = chain.verify()
        if not report.anchors_found:
            self.stderr.write(
                f"No anchor file at {chain.anchor_path()}: rows removed from the end of a chain cannot be detected"
            )
        if report.broken:
            for broken in report.broken:
                self.stderr.write(f"BROKEN {broken}")
            sys.exit(1)
        unsealed = sum(report.unsealed.values())
        self.stdout.write(
            f"Intact: {report.rows} rows under {report.seals} seals checked"
            + (f"; {unsealed} rows written since the last seal, not yet sealed" if unsealed else "")
        )
