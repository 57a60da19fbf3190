"""API tokens expire and have a scope; the API is throttled, and so are addresses that keep
presenting bad tokens (ADR 0021)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from liaison.accounts.actions import api_token_create
from liaison.accounts.models import ApiToken, SignInAudit, SignInEvent, TokenScope
from liaison.core import clock
from liaison.interop.api import api
from tests.interop.conftest import Api


def test_a_token_lasts_90_days_by_default(network):
    token, _ = api_token_create(user=network.practitioner_a)
    assert timedelta(days=89, hours=23) < token.expires_at - clock.now() <= timedelta(days=90)


def test_the_default_lifetime_follows_the_setting(network, settings):
    settings.API_TOKEN_DAYS = 7
    token, _ = api_token_create(user=network.practitioner_a)
    assert token.expires_at - clock.now() <= timedelta(days=7)


def test_an_expired_token_is_refused_with_token_expired(network):
    token, plaintext = api_token_create(user=network.practitioner_a)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=clock.now() - timedelta(seconds=1))
    r = Api(plaintext).get("/me")
    assert r.status_code == 401
    assert r.json()["code"] == "token_expired"


def test_a_read_only_token_reads(network):
    _, plaintext = api_token_create(user=network.practitioner_a, scope=TokenScope.READ)
    assert Api(plaintext).get("/me").status_code == 200


def test_a_read_only_token_cannot_write(network):
    _, plaintext = api_token_create(user=network.practitioner_a, scope=TokenScope.READ)
    r = Api(plaintext).post("/people", {"given_name": "Alex", "family_name": "Readonly"})
    assert r.status_code == 403
    assert r.json()["code"] == "token_read_only"


def test_a_write_token_writes(network):
    _, plaintext = api_token_create(user=network.practitioner_a, scope=TokenScope.WRITE)
    r = Api(plaintext).post("/people", {"given_name": "Alex", "family_name": "Writer"})
    assert r.status_code == 201, r.json()


def test_an_unknown_scope_is_refused(network):
    from liaison.core.errors import Invalid

    with pytest.raises(Invalid):
        api_token_create(user=network.practitioner_a, scope="admin")


def test_too_many_calls_are_throttled_with_retry_after(network, monkeypatch):
    for throttle in api.throttle:
        monkeypatch.setattr(throttle, "num_requests", 3)
    _, plaintext = api_token_create(user=network.practitioner_a)
    client = Api(plaintext)
    assert [client.get("/me").status_code for _ in range(3)] == [200, 200, 200]
    r = client.get("/me")
    assert r.status_code == 429
    assert r.json()["code"] == "throttled"
    assert int(r["Retry-After"]) > 0


def test_an_address_presenting_bad_tokens_is_throttled_even_with_a_good_one(network, settings):
    settings.API_BAD_TOKEN_LIMIT = 3
    for n in range(3):
        assert Api(f"lia_wrong{n}").get("/me").status_code == 401
    _, plaintext = api_token_create(user=network.practitioner_a)
    r = Api(plaintext).get("/me")
    assert r.status_code == 429
    assert r.json()["code"] == "throttled"
    assert int(r["Retry-After"]) > 0
    assert SignInAudit.objects.filter(event=SignInEvent.TOKEN_FAILURE, channel="api").count() == 3


def test_the_openapi_document_stays_public(client):
    assert client.get(reverse("api-v1:openapi-json")).status_code == 200
