"""`liaison apitoken create|revoke|list`: personal API tokens from the command line."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from liaison.accounts.actions import api_token_create, api_token_revoke
from liaison.accounts.models import ApiToken, TokenScope, User
from liaison.core import clock
from liaison.core.errors import DomainError


class Command(BaseCommand):
    help = "Create, revoke or list personal API tokens. A token is printed once and stored only as a digest."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{create,revoke,list}")
        create = actions.add_parser("create", help="Issue a token for USERNAME and print it once")
        create.add_argument("username")
        create.add_argument("--name", default="", help="What the token is for, e.g. the partner system")
        create.add_argument(
            "--scope", choices=TokenScope.values, default=TokenScope.READ, help="read (default) or write"
        )
        create.add_argument(
            "--days", type=int, default=None, help=f"Days until it expires (default {settings.API_TOKEN_DAYS})"
        )
        revoke = actions.add_parser("revoke", help="Revoke the live token with this prefix")
        revoke.add_argument("prefix", help="The first 12 characters shown by `list` (or the whole token)")
        listing = actions.add_parser("list", help="List USERNAME's tokens (prefixes only)")
        listing.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as e:
            raise CommandError(e.message) from None

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}")
        return user

    def _create(self, options: dict[str, Any]) -> None:
        token, plaintext = api_token_create(
            user=self._user(options["username"]), name=options["name"], scope=options["scope"], days=options["days"]
        )
        self.stderr.write(
            f"Token {token.prefix} for {token.user.username} ({token.scope}, expires {token.expires_at:%Y-%m-%d}). "
            "It is shown once; keep it safe:"
        )
        # The token alone on stdout, so scripts can capture it.
        self.stdout.write(plaintext)

    def _revoke(self, options: dict[str, Any]) -> None:
        token = api_token_revoke(prefix=options["prefix"])
        self.stdout.write(f"Revoked {token.prefix} ({token.user.username})")

    def _list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.filter(user=self._user(options["username"])).order_by("created_at")
        for t in tokens:
            if t.revoked_at:
                state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}"
            elif t.expires_at <= clock.now():
                state = f"expired {t.expires_at:%Y-%m-%d}"
            else:
                state = f"live to {t.expires_at:%Y-%m-%d}"
            used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
            self.stdout.write(f"{t.prefix}  {state:<24}  {t.scope:<5}  last used {used:<16}  {t.name}")
        if not tokens:
            self.stdout.write("No tokens")
