import pytest

from liaison.accounts.actions import api_token_create, api_token_revoke, api_token_use
from liaison.accounts.models import ApiToken
from liaison.core.errors import Conflict, Invalid, NotFound


def test_a_token_is_stored_only_as_its_digest(network):
    token, plaintext = api_token_create(user=network.practitioner_a, name="Custody system")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == ApiToken.digest_of(plaintext)
    assert plaintext not in {stored.digest, stored.prefix, stored.name}
    assert plaintext.startswith(stored.prefix)


def test_a_token_finds_its_user(network):
    _, plaintext = api_token_create(user=network.practitioner_a)
    assert api_token_use(plaintext=plaintext).user == network.practitioner_a


def test_a_revoked_token_finds_no_one(network):
    token, plaintext = api_token_create(user=network.practitioner_a)
    api_token_revoke(prefix=token.prefix)
    assert api_token_use(plaintext=plaintext) is None


def test_revoking_by_the_whole_token_works(network):
    token, plaintext = api_token_create(user=network.practitioner_a)
    assert api_token_revoke(prefix=plaintext).pk == token.pk


def test_revoking_an_unknown_prefix_is_not_found(network):
    with pytest.raises(NotFound):
        api_token_revoke(prefix="lia_nothing")


def test_revoking_an_ambiguous_prefix_is_refused(network):
    for digest in ("a" * 64, "b" * 64):
        ApiToken.objects.create(user=network.practitioner_a, prefix="lia_same1234", digest=digest)
    with pytest.raises(Conflict):
        api_token_revoke(prefix="lia_same1234")
    assert not ApiToken.objects.filter(revoked_at__isnull=False).exists()


def test_a_disabled_account_gets_no_token(network):
    network.practitioner_a.is_active = False
    network.practitioner_a.save()
    with pytest.raises(Invalid):
        api_token_create(user=network.practitioner_a)
    assert not ApiToken.objects.exists()
