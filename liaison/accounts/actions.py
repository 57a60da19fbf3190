"""Personal API tokens (issued once, kept only as a SHA-256 digest, revoked rather than
deleted, ending after `API_TOKEN_DAYS`), and the sign-in audit with its lockout and unlock."""

from __future__ import annotations

import secrets
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from liaison.accounts.models import ApiToken, SignInAudit, SignInEvent, TokenScope, User
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, NotFound
from liaison.core.locks import lock

# A recognisable start helps secret scanners and people tell a Liaison token from others.
TOKEN_START = "lia_"  # noqa: S105 - a marker, not a secret
PREFIX_LENGTH = 12
# Stamping last use on every call would turn each read into a write; once a minute is enough
# to tell a token in use from a forgotten one.
_LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def api_token_create(
    *, user: User, name: str = "", scope: str = TokenScope.WRITE, days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for the user, ending after `days` (default `API_TOKEN_DAYS`). Returns the
    record and the plaintext, which is never stored."""
    if not user.is_active:
        raise Invalid("That account is disabled", errors={"user": "Tokens can only be issued to active accounts"})
    name = name.strip()
    if len(name) > 80:
        raise Invalid("The token name is too long", errors={"name": "Use a name of 80 characters or fewer"})
    if scope not in TokenScope.values:
        raise Invalid("Unknown token scope", errors={"scope": "Choose read or write"})
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= 3660:
        raise Invalid(
            "A token must last from 1 day to 10 years", errors={"days": "Give a number of days from 1 to 3660"}
        )
    plaintext = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=plaintext[:PREFIX_LENGTH],
        digest=ApiToken.digest_of(plaintext),
        scope=scope,
        expires_at=clock.now() + timedelta(days=days),
    )
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, prefix: str) -> ApiToken:
    """Revoke the live token whose prefix (or whole text) is given. Refuses an ambiguous prefix."""
    text = prefix.strip()
    live = lock(ApiToken.objects.filter(revoked_at__isnull=True))
    tokens = live.filter(digest=ApiToken.digest_of(text)) if len(text) > PREFIX_LENGTH else live.filter(prefix=text)
    found = list(tokens[:2])
    if not found:
        raise NotFound("No live token has that prefix")
    if len(found) > 1:
        raise Conflict("More than one live token has that prefix: give the whole token", code="ambiguous_prefix")
    token = found[0]
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    return token


class TokenExpired(Exception):
    """A real token past its end: the caller answers `token_expired`, so a partner knows to renew."""


def api_token_use(*, plaintext: str) -> ApiToken | None:
    """The live token presented, or None for unknown, revoked or a disabled user's; raises
    TokenExpired for one past its end.

    Records when the token was last used, so stale tokens can be found and revoked.
    """
    if not plaintext or len(plaintext) > 200 or not plaintext.isascii():
        return None
    token = ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(plaintext)).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    now = clock.now()
    if token.expires_at <= now:
        raise TokenExpired(token.prefix)
    if token.last_used_at is None or now - token.last_used_at >= _LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


# Sign-in: every attempt is a SignInAudit row; axes keeps the per-username failure counter.

# Failures that count towards refusing an address, whatever usernames it tries.
_ADDRESS_FAILURES = (SignInEvent.FAILURE, SignInEvent.LOCKED, SignInEvent.SECOND_FACTOR_FAILURE)


def sign_in_record(
    *,
    event: SignInEvent,
    username: str = "",
    user: User | None = None,
    address: str | None = None,
    by: User | None = None,
    channel: str = "web",
) -> SignInAudit:
    """The one writer of the sign-in audit."""
    return SignInAudit.objects.create(
        at=clock.now(),
        event=event,
        username=(username or (user.username if user else ""))[:150],
        user=user,
        address=address or None,
        by=by,
        channel=channel,
    )


def address_failures(*, address: str | None, events: tuple[str, ...], minutes: int) -> int:
    if not address:
        return 0
    since = clock.now() - timedelta(minutes=minutes)
    return SignInAudit.objects.filter(address=address, event__in=events, at__gte=since).count()


def address_throttled(*, address: str | None) -> bool:
    """Too many failed sign-ins from this address lately, whichever names it tried."""
    failures = address_failures(
        address=address, events=_ADDRESS_FAILURES, minutes=settings.SIGNIN_ADDRESS_WINDOW_MINUTES
    )
    return failures >= settings.SIGNIN_ADDRESS_FAILURE_LIMIT


def bad_tokens_throttled(*, address: str | None) -> bool:
    """Too many unknown, expired or revoked API tokens from this address lately."""
    failures = address_failures(
        address=address, events=(SignInEvent.TOKEN_FAILURE,), minutes=settings.SIGNIN_ADDRESS_WINDOW_MINUTES
    )
    return failures >= settings.API_BAD_TOKEN_LIMIT


def username_locked(*, request: HttpRequest, username: str) -> bool:
    """Whether axes has locked this username (too many recent failures)."""
    return bool(AxesProxyHandler.is_locked(request, {"username": username}))


@transaction.atomic
def sign_in_unlock(*, username: str, by: User | None, channel: str = "web") -> int:
    """Clears a username's failed attempts so it can sign in again, and says who did it.

    Returns how many attempt records were cleared (0 when the username was not locked: still
    recorded, as the administrator meant to unlock it).
    """
    username = username.strip()
    user = User.objects.filter(username=username).first()
    if user is None and not SignInAudit.objects.filter(username=username).exists():
        raise NotFound(f"No account or sign-in attempt has the username {username!r}")
    cleared = AxesProxyHandler.reset_attempts(username=username)
    sign_in_record(event=SignInEvent.UNLOCK, username=username, user=user, by=by, channel=channel)
    return int(cleared or 0)
