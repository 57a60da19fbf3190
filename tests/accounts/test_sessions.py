"""Sessions end after a period of inactivity, and a request starts that period again (at most once
a minute, so that reading a page is not a write)."""

from __future__ import annotations

import runpy
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import liaison.settings
from liaison.accounts.middleware import RENEW_EVERY_SECONDS, RENEWED_KEY
from tests import factories
from tests.conftest import Network


def _settings_with(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    """liaison/settings.py read afresh under the given environment."""
    for name in ("LIAISON_SESSION_IDLE_MINUTES", *env):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(liaison.settings.__file__)


def test_the_idle_timeout_is_30_minutes_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _settings_with(monkeypatch)["SESSION_COOKIE_AGE"] == 30 * 60


def test_the_idle_timeout_follows_liaison_session_idle_minutes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _settings_with(monkeypatch, LIAISON_SESSION_IDLE_MINUTES="5")["SESSION_COOKIE_AGE"] == 5 * 60


def _signed_in(network: Network) -> tuple[Client, Session]:
    client = Client()
    response = client.post(
        reverse("accounts:sign-in"), {"username": network.practitioner_a.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    return client, Session.objects.get(session_key=client.session.session_key)


def _last_renewed(client: Client, seconds_ago: int) -> None:
    session = client.session
    session[RENEWED_KEY] = int(timezone.now().timestamp()) - seconds_ago
    session.save()


def test_a_request_a_minute_or_more_after_the_last_renewal_renews_the_session(network: Network) -> None:
    client, session = _signed_in(network)
    _last_renewed(client, RENEW_EVERY_SECONDS)
    # As if the practitioner had been idle until a minute before the session would end.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    response = client.get(reverse("people:find"))
    assert settings.SESSION_COOKIE_NAME in response.cookies
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed >= timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_requests_within_a_minute_of_the_last_renewal_do_not_write_the_session(network: Network) -> None:
    client, session = _signed_in(network)
    _last_renewed(client, RENEW_EVERY_SECONDS - 5)
    before = Session.objects.get(pk=session.pk).expire_date
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("people:find"))
    assert response.status_code == 302  # to the second factor: the session was read, and used
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.get(pk=session.pk).expire_date == before
    assert not [q for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]


def test_a_request_with_a_stale_cookie_makes_no_session(network: Network) -> None:
    client, session = _signed_in(network)
    Session.objects.filter(pk=session.pk).delete()
    response = client.get(reverse("pathway:worklist"))
    assert response.status_code == 302
    assert not Session.objects.exists()


def test_an_idle_session_is_signed_out(network: Network) -> None:
    client, session = _signed_in(network)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("pathway:worklist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
