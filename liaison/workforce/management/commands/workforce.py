"""`liaison workforce load [FILE]`: load a career and competency framework file (the shipped one
by default); `liaison workforce list`: the versions loaded. Loading the same version again
changes nothing; a changed file under a loaded version is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.errors import DomainError
from liaison.workforce.career import DEFAULT_FILE, load
from liaison.workforce.models import CareerFramework


class Command(BaseCommand):
    help = "Load the L&D career and competency framework from its file, or list those loaded."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        loading = sub.add_parser("load", help="Load a framework file (default: the shipped 2018 framework)")
        loading.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
        sub.add_parser("list", help="The framework versions loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for f in CareerFramework.objects.order_by("code", "version"):
                roles, competencies = f.roles.count(), f.competencies.count()
                self.stdout.write(f"{f.code} v{f.version}: {f.title} ({roles} roles, {competencies} competencies)")
            return
        try:
            loaded = load(Path(options["file"]))
        except DomainError as e:
            raise CommandError(e.message) from None
        f = loaded.framework
        verb = "Loaded" if loaded.created else "Already loaded, unchanged:"
        self.stdout.write(f"{verb} {f.code} version {f.version} ({f.roles.count()} role profiles).")
