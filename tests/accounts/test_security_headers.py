"""Every page and API answer carries the security headers; nothing personal is cached; HSTS and
Secure cookies when served over HTTPS; no inline script or style anywhere (ADR 0021)."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
from django.urls import reverse

import liaison.settings
from liaison.accounts.actions import api_token_create
from tests.interop.conftest import Api

LIAISON = Path(liaison.settings.__file__).parent


def _settings_with(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    for name in ("DEBUG", "LIAISON_HTTPS", "LIAISON_SECURE_COOKIES", *env):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(liaison.settings.__file__)


def _assert_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_a_page_with_personal_data_carries_every_header(client, network):
    client.force_login(network.practitioner_a)
    response = client.get(reverse("pathway:worklist"))
    assert response.status_code == 200
    _assert_headers(response)


def test_the_sign_in_page_carries_them_too(client):
    _assert_headers(client.get(reverse("accounts:sign-in")))


def test_an_api_answer_carries_them(network):
    response = Api(api_token_create(user=network.practitioner_a)[1]).get("/me")
    assert response.status_code == 200
    _assert_headers(response)


def test_an_api_refusal_carries_them(db):
    _assert_headers(Api(None).get("/me"))


def test_over_https_the_answer_asks_for_https_from_now_on(client, settings):
    settings.SECURE_HSTS_SECONDS = 63_072_000
    response = client.get(reverse("accounts:sign-in"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=63072000")


def test_https_is_on_by_default_outside_debug(monkeypatch):
    values = _settings_with(monkeypatch)
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] == 63_072_000


def test_the_local_demo_turns_https_off(monkeypatch):
    values = _settings_with(monkeypatch, LIAISON_HTTPS="0")
    assert not values["SESSION_COOKIE_SECURE"] and values["SECURE_HSTS_SECONDS"] == 0


def test_debug_alone_turns_https_off(monkeypatch):
    assert not _settings_with(monkeypatch, DEBUG="1")["SESSION_COOKIE_SECURE"]


def test_make_run_serves_the_demo_without_https():
    makefile = (LIAISON.parent / "Makefile").read_text()
    assert "run: export LIAISON_HTTPS ?= 0" in makefile


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
_INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
_INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def test_no_template_has_inline_script_or_style():
    found = []
    for template in sorted(LIAISON.rglob("templates/**/*.html")):
        text = template.read_text()
        for what, pattern in (("script", _INLINE_SCRIPT), ("handler", _INLINE_HANDLER), ("style", _INLINE_STYLE)):
            if pattern.search(text):
                found.append(f"{template.relative_to(LIAISON)}: inline {what}")
    assert not found, found
