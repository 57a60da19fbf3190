"""`liaison retention [--as-of YYYY-MM-DD] [--scheme CODE]`: the schedule, and what is past it.

Prints record ids and dates, never names: the list is for a scheme manager to open and review
through the service's pages, where each look is audited.
"""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from liaison.core import clock
from liaison.organisations.models import Scheme
from liaison.records.retention import episodes_past_retention, people_past_retention, schedule


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {text!r}") from None


class Command(BaseCommand):
    help = "The retention schedule, and the episodes and people past it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--as-of", type=_day, help="the day to report on (default: today)")
        parser.add_argument("--scheme", help="one scheme's code (default: every scheme)")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = options["as_of"] or timezone.localdate(clock.now())
        scheme_ids = None
        if options["scheme"]:
            scheme = Scheme.objects.filter(code=options["scheme"]).first()
            if scheme is None:
                raise CommandError(f"No scheme has the code {options['scheme']!r}")
            scheme_ids = frozenset({scheme.pk})
        self.stdout.write("Retention schedule:")
        for record in schedule():
            self.stdout.write(f"  {record.name}: {record.kept_for} ({record.source})")
        episodes = list(episodes_past_retention(as_of=as_of, scheme_ids=scheme_ids))
        people = people_past_retention(as_of=as_of, scheme_ids=scheme_ids).count()
        self.stdout.write(f"On {as_of:%d %B %Y}: {len(episodes)} episodes and {people} people past retention")
        for e in episodes:
            self.stdout.write(f"  episode {e.pk} of {e.scheme.code}, closed {e.closed_at:%d %B %Y}")
