"""Helpers for the pathway page tests: signing in and reading rows out of a page."""

from __future__ import annotations

from django.test import Client

from liaison.accounts.models import User
from liaison.pathway.models import Episode, PathwayEvent


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def html(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def row_with(page: str, text: str) -> str:
    """The table row that mentions `text`, so an assertion is about that row only."""
    rows = [r for r in (part.split("</tr>")[0] for part in page.split("<tr")[1:]) if text in r]
    assert len(rows) == 1, f"expected one row with {text!r}, found {len(rows)}"
    return rows[0]


def events_of(episode: Episode) -> int:
    return PathwayEvent.objects.filter(episode=episode).count()
