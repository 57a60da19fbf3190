"""Five wrong passwords lock a username; an address that fails too often is refused; an
administrator unlocks; every attempt is in the sign-in audit."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from liaison.accounts.models import SignInAudit, SignInEvent
from tests.accounts.signing_in import post_password
from tests.conftest import Network


def _fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        post_password(client, username, "not the password")


def test_five_wrong_passwords_lock_the_username_even_against_the_right_password(client, network: Network):
    user = network.practitioner_a
    _fail(client, user.username, 5)
    response = post_password(client, user.username)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_the_sign_in_page_says_the_account_is_locked_and_to_ask_an_administrator(client, network: Network):
    _fail(client, network.practitioner_a.username, 4)
    response = post_password(client, network.practitioner_a.username, "not the password")
    html = response.content.decode()
    assert "This account is locked after 5 failed sign-in attempts" in html
    assert "Ask an administrator to unlock it" in html
    assert "There is a problem" in html


def test_four_wrong_passwords_then_the_right_one_signs_in(client, network: Network):
    _fail(client, network.practitioner_a.username, 4)
    assert post_password(client, network.practitioner_a.username).status_code == 302


def test_a_lock_on_one_username_leaves_others_alone(client, network: Network):
    _fail(client, network.practitioner_a.username, 5)
    assert post_password(client, network.practitioner_b.username).status_code == 302


def test_an_address_with_too_many_failures_is_refused_whatever_the_username(client, network: Network, settings):
    settings.SIGNIN_ADDRESS_FAILURE_LIMIT = 3
    for n in range(3):
        post_password(client, f"made-up-{n}", "guess")
    response = post_password(client, network.practitioner_b.username)
    assert response.status_code == 200
    assert "too many failed sign-in attempts from this computer or network" in response.content.decode()
    # Another address is not held back by this one.
    other = post_password(Client(), network.practitioner_b.username, address="192.0.2.7")
    assert other.status_code == 302


def test_every_attempt_is_in_the_sign_in_audit(client, network: Network):
    user = network.practitioner_a
    _fail(client, user.username, 5)
    post_password(client, user.username)
    post_password(client, "nobody-of-that-name", "guess")
    events = list(SignInAudit.objects.order_by("id").values_list("event", "username"))
    assert events == [
        *[(SignInEvent.FAILURE, user.username)] * 5,
        (SignInEvent.LOCKED, user.username),
        (SignInEvent.LOCKED, user.username),
        (SignInEvent.FAILURE, "nobody-of-that-name"),
    ]
    assert SignInAudit.objects.filter(address="127.0.0.1").count() == 8


def test_a_successful_sign_in_is_audited_with_the_user(client, network: Network):
    post_password(client, network.practitioner_a.username)
    row = SignInAudit.objects.get()
    assert (row.event, row.user, row.address) == (SignInEvent.SUCCESS, network.practitioner_a, "127.0.0.1")


def test_liaison_unlock_lets_the_username_sign_in_again_and_is_audited(client, network: Network, capsys):
    user = network.practitioner_a
    _fail(client, user.username, 5)
    call_command("unlock", user.username)
    assert f"{user.username}: unlocked" in capsys.readouterr().out
    assert post_password(client, user.username).status_code == 302
    unlock = SignInAudit.objects.get(event=SignInEvent.UNLOCK)
    assert (unlock.user, unlock.channel, unlock.by) == (user, "cli", None)


def test_an_administrator_unlocks_from_the_admin_and_the_unlock_names_them(client, network: Network):
    user = network.practitioner_a
    _fail(Client(), user.username, 5)
    client.force_login(network.admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"), {"action": "unlock_sign_in", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    unlock = SignInAudit.objects.get(event=SignInEvent.UNLOCK)
    assert (unlock.user, unlock.by, unlock.channel) == (user, network.admin, "web")
    assert post_password(Client(), user.username).status_code == 302


def test_unlocking_an_unknown_username_is_refused(db):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No account or sign-in attempt"):
        call_command("unlock", "nobody-at-all")
