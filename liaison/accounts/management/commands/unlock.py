"""`liaison unlock USERNAME`: let a locked-out username sign in again, recorded in the sign-in audit."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from liaison.accounts.actions import sign_in_unlock
from liaison.core.errors import DomainError


class Command(BaseCommand):
    help = "Clear a username's failed sign-in attempts so it can sign in again (recorded as an unlock)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        try:
            cleared = sign_in_unlock(username=username, by=None, channel="cli")
        except DomainError as e:
            raise CommandError(e.message) from None
        state = "unlocked" if cleared else "was not locked; recorded the unlock all the same"
        self.stdout.write(f"{username}: {state}")
