"""Bearer-token authentication: personal API tokens, checked against their stored digest."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from liaison.accounts.actions import api_token_use
from liaison.accounts.models import User
from liaison.pathway.models import Episode
from liaison.pathway.selectors import episode_get


class ApiToken(HttpBearer):
    """`Authorization: Bearer <token>`. Unknown, revoked and disabled users' tokens get 401."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_use(plaintext=token.strip())
        if user is not None:
            # Selectors and actions take the user; the request carries it too, like a page's.
            request.user = user
        return user


def user_of(request: HttpRequest) -> User:
    """The authenticated user of an API call (the auth above has run before any operation)."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def episode_of(request: HttpRequest, episode_id: str, what: str) -> Episode:
    """The episode an operation is about, if the token's user may see it (else 404), audited as
    an API read. The action the operation calls checks whether they may record in it."""
    return episode_get(user=user_of(request), episode_id=episode_id, what=f"api: {what}", channel="api")
