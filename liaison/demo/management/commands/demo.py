"""`liaison demo --seed N`: build the synthetic national network into an empty database.

`--scale demo` (the default) plays `--size` episodes over twelve months; `--scale national`
plays five years of all-England activity, about 1.5 million episodes (`demo.national`).
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core import clock
from liaison.demo import national
from liaison.demo.build import build
from liaison.demo.feedback import give_feedback
from liaison.demo.governance import build_governance
from liaison.demo.hours import LONDON, local
from liaison.demo.returns import submit_returns
from liaison.demo.signins import demo_code, demo_key, demo_password, demo_second_factor, signin_lines
from liaison.demo.standards import build_standards
from liaison.demo.workforce import build_workforce
from liaison.organisations.models import Scheme

DEFAULT_SIZE = 5000
# With --today in the past, the build ends mid-afternoon that day, while courts still sit.
_PAST_DAY_ENDS_AT = (16, 0)


def _until(today: str | None) -> datetime:
    now = clock.now()
    if not today:
        return now
    try:
        day = date.fromisoformat(today)
    except ValueError:
        raise CommandError("--today must be a date like 2025-03-14") from None
    local_today = now.astimezone(LONDON).date()
    if day > local_today:
        raise CommandError("--today cannot be in the future")
    return now if day == local_today else local(day, *_PAST_DAY_ENDS_AT)


class Command(BaseCommand):
    help = "Build the synthetic national L&D network, its staff and twelve months of episodes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Same seed and date, same data (default 1)")
        parser.add_argument(
            "--size", type=int, default=DEFAULT_SIZE, help=f"Episodes over the year (default {DEFAULT_SIZE})"
        )
        parser.add_argument("--today", help="End the year on this date (YYYY-MM-DD) instead of now")
        parser.add_argument(
            "--scale",
            choices=("demo", "national"),
            default="demo",
            help="demo: --size episodes over a year (default); national: five years of all England, "
            f"about {national.EPISODES:,} episodes and ten million events, saved in bulk",
        )
        # Tests and trial runs build a small national demo; not for everyday use.
        parser.add_argument("--episodes", type=int, default=national.EPISODES, help=argparse.SUPPRESS)
        parser.add_argument(
            "--if-empty", action="store_true", help="Build only when the database has no schemes; never an error"
        )
        parser.add_argument(
            "--code", metavar="USERNAME", help="Print the code a demo account's authenticator shows now, and stop"
        )

    def handle(
        self,
        *args: Any,
        seed: int,
        size: int,
        today: str | None,
        if_empty: bool,
        scale: str,
        episodes: int,
        code: str | None = None,
        **options: Any,
    ) -> None:
        if code is not None:
            shown = demo_code(code)
            if shown is None:
                raise CommandError(f"{code!r} is not a demo account with an authenticator (build the demo first)")
            self.stdout.write(shown)
            return
        if size < 0 or episodes < 0:
            raise CommandError("--size and --episodes must be 0 or more")
        until = _until(today)
        password, source = demo_password()
        built_now = False
        if Scheme.objects.exists():
            if not if_empty:
                raise CommandError("The database already has schemes: the demo builds only into an empty database.")
            self.stdout.write("The database already has data; the demo was not rebuilt.")
        else:
            started = time.monotonic()
            progress = options["verbosity"] > 0
            if scale == "national":
                # No monthly returns: submitting them refreshes the analytics store over ten
                # million events (minutes); `liaison reporting refresh` and the benchmark do that.
                counts = national.build(
                    seed=seed, episodes=episodes, until=until, password_hash=make_password(password), progress=progress
                )
            else:
                counts = build(
                    seed=seed, size=size, until=until, password_hash=make_password(password), progress=progress
                )
                # The monthly returns need the analytics store, which reads what was just committed.
                counts["monthly returns"] = submit_returns(seed=seed, until=until)
                counts.update(give_feedback(seed=seed, until=until))
                # Quality self-assessments read the measures over the store the returns refreshed.
                counts["self-assessments submitted"] = build_standards(seed=seed, until=until)
                counts["staff records"] = build_workforce(seed=seed, until=until)
                # Boards, commissioning and the guidance library (which names the framework's criteria).
                counts.update(build_governance(seed=seed, until=until))
            took = time.monotonic() - started
            summary = ", ".join(f"{n} {name}" for name, n in counts.items())
            what = "five years of national activity" if scale == "national" else "the demo network"
            self.stdout.write(f"Built {what} (seed {seed}) in {took:.1f} s: {summary}.")
            built_now = True
        demo_second_factor(demo_key())
        # Just built with this password, so only an earlier build needs the (slow) check.
        for line in signin_lines(password, source, check=not built_now):
            self.stdout.write(line)
