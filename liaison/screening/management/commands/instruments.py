"""`liaison instruments list|export CODE`: the instruments and their FHIR Questionnaires."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from liaison.core.errors import DomainError
from liaison.screening.instruments.catalogue import instrument_get, instruments


class Command(BaseCommand):
    help = "List the screening instruments, or print one's current FHIR Questionnaire as JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{list,export}")
        actions.add_parser("list", help="Code, version, licence status and title of each instrument")
        export = actions.add_parser("export", help="Print the current Questionnaire of CODE")
        export.add_argument("code")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for i in instruments():
                self.stdout.write(f"{i.code:<8}  {i.version:<6}  {i.licence:<20}  {i.title}")
            return
        try:
            instrument = instrument_get(options["code"])
        except DomainError as e:
            raise CommandError(e.message) from None
        self.stdout.write(json.dumps(instrument.definition.resource, indent=2, ensure_ascii=False))
