"""`--every SECONDS` for the commands `make run` keeps going beside the server."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from collections.abc import Callable

from django.core.management.base import CommandError

MINIMUM_SECONDS = 10


def add_every(parser: ArgumentParser, *, what: str) -> None:
    parser.add_argument(
        "--every",
        type=int,
        metavar="SECONDS",
        help=f"Keep {what}, this many seconds apart, until stopped (make run does, every 300)",
    )


def repeat(
    every: int | None, *, first: Callable[[], None], then: Callable[[], None], failed: Callable[[str], None]
) -> None:
    """`first` once, then (with `every`) `then` every so many seconds until stopped. A failure
    after the first (a database restart) is reported and tried again next time: it must not end
    the schedule."""
    if every is not None and every < MINIMUM_SECONDS:
        raise CommandError(f"--every must be at least {MINIMUM_SECONDS} seconds")
    first()
    while every is not None:
        time.sleep(every)
        try:
            then()
        except Exception as e:
            failed(f"{e}; trying again in {every} s")
