"""`liaison returns build --month YYYY-MM [--scheme CODE] [--json]`: every scheme's draft return.

Refreshes the analytics store, then computes each scheme's return for the month from the
definitions (nothing is submitted: scheme leads submit on the return's page). Figures here are
true counts for operators, so the output says it is not for publication.
"""

from __future__ import annotations

import json
import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from liaison.organisations.models import Scheme
from liaison.reporting.figures import all_rows
from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.returns import draft, parse_month

SUMMARY = ("identified", "screened", "assessed", "referred")


class Command(BaseCommand):
    help = "Monthly returns: build every scheme's draft for a month from the measure definitions."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{build}")
        build = actions.add_parser("build", help="Compute the draft returns for a month (nothing is submitted)")
        build.add_argument("--month", required=True, help="YYYY-MM")
        build.add_argument("--scheme", help="One scheme's code (default: every scheme)")
        build.add_argument("--json", action="store_true", help="Every figure, as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_month(options["month"])
        except ValueError as e:
            raise CommandError(str(e)) from None
        schemes = Scheme.objects.select_related("region").order_by("code")
        if options["scheme"]:
            schemes = schemes.filter(code=options["scheme"])
            if not schemes.exists():
                raise CommandError(f"No scheme has the code {options['scheme']!r}.")
        started = time.monotonic()
        refresh_in_turn(progress=sys.stderr.isatty())
        computed = all_rows()
        drafts = [draft(s, month, computed=computed) for s in schemes]
        took = time.monotonic() - started
        if options["json"]:
            document = {
                "month": month,
                "disclosure": "not for publication (true counts)",
                "returns": [
                    {
                        "scheme_code": d.scheme.code,
                        "content_hash": d.content_hash,
                        "definitions": d.definitions,
                        "warnings": d.warnings,
                        "figures": d.figures,
                    }
                    for d in drafts
                ],
            }
            self.stdout.write(json.dumps(document, indent=2, sort_keys=True, default=str))
            return
        self.stdout.write(f"Draft returns for {month} (true counts: not for publication)")
        self.stdout.write(f"{'scheme':<10}" + "".join(f"{c:>12}" for c in SUMMARY) + "  warnings")
        for d in drafts:
            values = [sum(int(r.get("value", 0)) for r in d.figures.get(c, {}).get("rows", [])) for c in SUMMARY]
            self.stdout.write(f"{d.scheme.code:<10}" + "".join(f"{v:>12}" for v in values) + f"  {len(d.warnings)}")
        self.stdout.write(f"{len(drafts)} scheme(s) in {took:.1f} s")
