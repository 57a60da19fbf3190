from liaison.accounts.actions import api_token_create, api_token_revoke
from liaison.accounts.models import ApiToken
from tests.interop.conftest import Api


def test_it_refuses_a_call_without_a_token_with_coded_json(network):
    r = Api(None).get("/me")
    assert r.status_code == 401
    assert r.json()["code"] == "unauthenticated"


def test_it_refuses_an_unknown_token(network):
    r = Api("lia_not-a-real-token").get("/me")
    assert r.status_code == 401
    assert r.json()["code"] == "unauthenticated"


def test_it_refuses_a_revoked_token(network):
    token, plaintext = api_token_create(user=network.practitioner_a)
    api_token_revoke(prefix=token.prefix)
    r = Api(plaintext).get("/me")
    assert r.status_code == 401
    assert r.json()["code"] == "unauthenticated"


def test_it_refuses_the_token_of_a_disabled_account(network):
    _, plaintext = api_token_create(user=network.practitioner_a)
    network.practitioner_a.is_active = False
    network.practitioner_a.save()
    assert Api(plaintext).get("/me").status_code == 401


def test_it_refuses_a_session_without_a_token(network, client):
    client.force_login(network.practitioner_a)
    assert client.get("/api/v1/me").status_code == 401


def test_it_records_when_a_token_was_last_used(network):
    token, plaintext = api_token_create(user=network.practitioner_a)
    assert token.last_used_at is None
    assert Api(plaintext).get("/me").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_accepts_only_the_bearer_scheme(network):
    _, plaintext = api_token_create(user=network.practitioner_a)
    api = Api(None)
    r = api.client.get("/api/v1/me", headers={"Authorization": f"Token {plaintext}"})
    assert r.status_code == 401
    assert ApiToken.objects.filter(last_used_at__isnull=False).count() == 0
