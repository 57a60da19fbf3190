"""Every URL needs a signed-in user, and then the second factor, unless it is deliberately
public; the list of public ones is here, so a new public page is a decision someone writes down.

Walks the whole URL configuration (Django's own `LoginRequiredMiddleware` reads each view's
`login_required` mark), then asks for each route as nobody and as a password-only session.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Deliberately open, by route name: service health, the sign-in itself, the person's easy-read
# leaflet, the FHIR definitions (no personal data), and the token-authenticated JSON API.
# The easy-read feedback form is open to people in custody and at court, with no account (issue 9).
PUBLIC = {
    "healthz",
    "accounts:sign-in",
    "admin-sign-in",
    "sharing:easy-read",
    "admin:login",
    "feedback:give",
    "feedback:thanks",
}
PUBLIC_NAMESPACES = ("fhir", "api-v1")
PUBLIC_PREFIXES = ("api/v1/",)
# Reached with the password alone: giving (or setting up) the second factor, and leaving.
BEFORE_SECOND_FACTOR = {"accounts:second-factor", "accounts:set-up", "accounts:sign-out"}

_SAMPLES = {"uuid": str(uuid.UUID(int=1)), "int": "1", "str": "x", "slug": "x", "path": "x"}
_CONVERTER = re.compile(r"<(?:(\w+):)?\w+>")


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", ns: str = ""
) -> Iterator[tuple[str, str, object]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _walk(p.url_patterns, prefix + str(p.pattern), inner)
        else:
            name = f"{ns}:{p.name}" if ns and p.name else (p.name or "")
            yield prefix + str(p.pattern), name, p.callback


def _routes() -> list[tuple[str, str, object]]:
    return list(_walk(get_resolver().url_patterns))


def _public(route: str, name: str) -> bool:
    return name in PUBLIC or name.split(":")[0] in PUBLIC_NAMESPACES or route.startswith(PUBLIC_PREFIXES)


def _sample_url(route: str) -> str | None:
    """A concrete URL for a path() route; None for a regular expression one."""
    if route.startswith("^") or "(?" in route or "\\" in route:
        return None
    return "/" + _CONVERTER.sub(lambda m: _SAMPLES.get(m.group(1) or "str", "x"), route)


def test_the_walk_finds_the_whole_configuration():
    names = {name for _, name, _ in _routes()}
    assert {"pathway:worklist", "people:find", "accounts:sign-in", "admin:index"} <= names
    assert len(names) > 100


def test_only_the_listed_views_are_marked_login_not_required():
    unexpected = [
        name or route
        for route, name, view in _routes()
        if not getattr(view, "login_required", True) and not _public(route, name)
    ]
    assert not unexpected, f"marked login_not_required but not in PUBLIC: {unexpected}"


@pytest.mark.parametrize(
    ("route", "name"), [(r, n) for r, n, _ in _routes() if not _public(r, n) and _sample_url(r) is not None]
)
def test_each_route_sends_nobody_to_sign_in(db, route, name):
    url = _sample_url(route)
    response = Client().get(url)
    assert response.status_code == 302, f"{url} ({name}) answered {response.status_code} to nobody"
    # The admin sends to its own sign-in address first, which sends on to ours.
    assert response["Location"].startswith((reverse("accounts:sign-in"), "/admin/login/")), url


@pytest.mark.parametrize(
    ("route", "name"),
    [
        (r, n)
        for r, n, _ in _routes()
        if not _public(r, n) and n not in BEFORE_SECOND_FACTOR and _sample_url(r) is not None
    ],
)
def test_each_route_sends_a_password_only_session_to_the_second_factor(network, route, name):
    client = Client()
    client.force_login_password_only(network.practitioner_a)
    url = _sample_url(route)
    response = client.get(url)
    assert response.status_code == 302, f"{url} ({name}) answered {response.status_code} before the second factor"
    assert response["Location"].startswith(reverse("accounts:second-factor")), url
