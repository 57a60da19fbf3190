"""What every request passes on its way in and out, besides Django's own sign-in check.

Django's `LoginRequiredMiddleware` (in settings) sends anyone not signed in to the sign-in page
unless a view is marked `login_not_required`. After it:

- `SecondFactorRequired`: a signed-in user who has not given their second factor in this session
  reaches only the second-factor pages and sign-out (ADR 0021);
- `NoStore`: no page or API answer is kept by a browser or proxy, as every one may carry
  personal data. Static files are served by WhiteNoise before this and keep their caching;
- `RenewSession`: a signed-in session's idle timeout restarts at most once a minute, not on every
  request (issue 13: writing the session row on each page view was a write, and on SQLite the
  database's one write lock, per read).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

# The token-authenticated API and the public FHIR definitions never use the session's second factor.
_NO_SESSION_PREFIXES = ("/api/", "/fhir/")

# When the session's expiry last restarted (seconds since the epoch), and how often it may: the
# idle timeout is therefore between SESSION_COOKIE_AGE less a minute and SESSION_COOKIE_AGE.
RENEWED_KEY = "liaison_renewed_at"
RENEW_EVERY_SECONDS = 60


def second_factor_not_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Marks a view a signed-in user may reach before giving their second factor."""
    view.second_factor_required = False  # type: ignore[attr-defined]
    return view


def second_factor_given(request: HttpRequest) -> bool:
    """From the session alone (no query): the device that verified this session, if any."""
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


class SecondFactorRequired:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not settings.REQUIRE_2FA or not request.user.is_authenticated:
            return None
        if not getattr(view, "second_factor_required", True) or not getattr(view, "login_required", True):
            return None
        if request.path.startswith(_NO_SESSION_PREFIXES) or second_factor_given(request):
            return None
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('accounts:second-factor')}?{query}")


class NoStore:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        return response


def mark_renewed(session: Any) -> None:
    """The session's expiry starts now (it is being saved anyway, e.g. at sign-in)."""
    session[RENEWED_KEY] = int(timezone.now().timestamp())


def renewed_at_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` (connected in AccountsConfig.ready): signing in saves the session, so its
    first page need not save it again."""
    mark_renewed(request.session)


class RenewSession:
    """Marks a signed-in session modified when it was last saved a minute or more ago, so that
    Django's session middleware (below this one in MIDDLEWARE, so after it on the way out) saves
    it with a fresh expiry and cookie. A session being signed out (flushed, so empty) or one the
    request did not sign in is left alone: no session row is made for a stale cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or session.get(SESSION_KEY) is None:
            return response
        if int(timezone.now().timestamp()) - int(session.get(RENEWED_KEY, 0)) >= RENEW_EVERY_SECONDS:
            mark_renewed(session)
        return response
