from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from liaison.accounts.actions import api_token_use
from liaison.accounts.models import ApiToken


def run(*args: str) -> str:
    out = StringIO()
    call_command("apitoken", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_create_prints_a_working_token_once(network):
    plaintext = run("create", network.practitioner_a.username, "--name", "Custody system")
    assert api_token_use(plaintext=plaintext).user == network.practitioner_a
    token = ApiToken.objects.get()
    assert token.name == "Custody system"
    assert token.digest == ApiToken.digest_of(plaintext)


def test_create_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user"):
        run("create", "nobody")


def test_revoke_stops_the_token_working(network):
    plaintext = run("create", network.practitioner_a.username)
    assert "Revoked" in run("revoke", plaintext[:12])
    assert api_token_use(plaintext=plaintext) is None


def test_revoke_refuses_an_unknown_prefix(db):
    with pytest.raises(CommandError):
        run("revoke", "lia_nothing")


def test_list_shows_prefixes_never_tokens(network):
    plaintext = run("create", network.practitioner_a.username, "--name", "Court feed")
    listing = run("list", network.practitioner_a.username)
    assert plaintext[:12] in listing
    assert "Court feed" in listing
    assert plaintext not in listing


def test_create_takes_a_scope_and_a_lifetime(network):
    run("create", network.practitioner_a.username, "--scope", "write", "--days", "30")
    token = ApiToken.objects.get()
    assert token.scope == "write"
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 30


def test_create_is_read_only_unless_asked(network):
    run("create", network.practitioner_a.username)
    assert ApiToken.objects.get().scope == "read"


def test_list_shows_scope_and_expiry(network):
    run("create", network.practitioner_a.username)
    listing = run("list", network.practitioner_a.username)
    assert "live to " in listing and "read" in listing
