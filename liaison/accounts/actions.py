"""Personal API tokens: issued once, kept only as a SHA-256 digest, revoked rather than deleted."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction

from liaison.accounts.models import ApiToken, User
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
def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for the user. Returns the record and the plaintext, which is never stored."""
    if not user.is_active:
        raise Invalid("That account is disabled", errors={"user": "Tokens can only be issued to active accounts"})
    name = name.strip()
    if len(name) > 80:
        raise Invalid("The token name is too long", errors={"name": "Use a name of 80 characters or fewer"})
    plaintext = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=plaintext[:PREFIX_LENGTH], digest=ApiToken.digest_of(plaintext)
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


def api_token_use(*, plaintext: str) -> User | None:
    """The active user a presented token belongs to, or None for unknown, revoked or disabled.

    Records when the token was last used, so stale tokens can be found and revoked.
    """
    if not plaintext or len(plaintext) > 200 or not plaintext.isascii():
        return None
    token = ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(plaintext)).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= _LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
