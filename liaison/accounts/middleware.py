"""What every request passes on its way in and out, besides Django's own sign-in check.

Django's `LoginRequiredMiddleware` (in settings) sends anyone not signed in to the sign-in page
unless a view is marked `login_not_required`. After it:

- `SecondFactorRequired`: a signed-in user who has not given their second factor in this session
  reaches only the second-factor pages and sign-out (ADR 0021);
- `NoStore`: no page or API answer is kept by a browser or proxy, as every one may carry
  personal data. Static files are served by WhiteNoise before this and keep their caching.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

# The token-authenticated API and the public FHIR definitions never use the session's second factor.
_NO_SESSION_PREFIXES = ("/api/", "/fhir/")


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
