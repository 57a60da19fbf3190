"""Bearer-token authentication: personal API tokens, checked against their stored digest.

An expired token answers 401 `token_expired` (so a partner knows to renew rather than debug), a
read-only token on a write 403 `token_read_only`, and an address that keeps presenting bad tokens
is refused with 429 `throttled` before any token is looked up (ADR 0021).
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer

from liaison.accounts.actions import TokenExpired, api_token_use, bad_tokens_throttled, sign_in_record
from liaison.accounts.models import SignInEvent, User
from liaison.core.errors import DomainError, PermissionDenied, Throttled
from liaison.pathway.models import Episode
from liaison.pathway.selectors import episode_get

_READS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenRefused(DomainError):
    status = 401
    code = "token_expired"


class ApiToken(HttpBearer):
    """`Authorization: Bearer <token>`. Unknown, revoked and disabled users' tokens get 401."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        address = get_client_ip_address(request)
        if bad_tokens_throttled(address=address):
            minutes = settings.SIGNIN_ADDRESS_WINDOW_MINUTES
            raise Throttled(
                f"Too many invalid tokens from this address: try again in {minutes} minutes", retry_after=minutes * 60
            )
        try:
            found = api_token_use(plaintext=token.strip())
        except TokenExpired:
            sign_in_record(event=SignInEvent.TOKEN_FAILURE, address=address, channel="api")
            raise TokenRefused("This token has expired: ask for a new one (liaison apitoken create)") from None
        if found is None:
            sign_in_record(event=SignInEvent.TOKEN_FAILURE, address=address, channel="api")
            return None
        if request.method not in _READS and not found.may_write:
            raise PermissionDenied("This token is read-only: a write needs a token with the write scope",
                                   code="token_read_only")  # fmt: skip
        # Selectors and actions take the user; the request carries it too, like a page's.
        request.user = found.user
        return found.user


def user_of(request: HttpRequest) -> User:
    """The authenticated user of an API call (the auth above has run before any operation)."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def episode_of(request: HttpRequest, episode_id: str, what: str) -> Episode:
    """The episode an operation is about, if the token's user may see it (else 404), audited as
    an API read. The action the operation calls checks whether they may record in it."""
    return episode_get(user=user_of(request), episode_id=episode_id, what=f"api: {what}", channel="api")
