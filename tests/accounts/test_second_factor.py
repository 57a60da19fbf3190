"""After the password, a second factor: set up an authenticator the first time (with recovery
codes shown once), then a code at every sign-in. Required for every role by default."""

from __future__ import annotations

import re
from base64 import b32decode

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.accounts.models import SignInAudit, SignInEvent
from liaison.accounts.second_factor import current_code
from tests.accounts.signing_in import authenticator, code_of, post_password, signed_in
from tests.conftest import Network

WORKLIST = reverse("pathway:worklist")


def _set_up(client: Client) -> list[str]:
    """Through the set-up page: scan (the key from the page), enter the code, get the codes."""
    page = client.get(reverse("accounts:set-up"), {"next": WORKLIST})
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("accounts:set-up"), {"code": current_code(device), "next": WORKLIST})
    assert response.status_code == 200, page
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


def test_the_password_alone_leads_to_the_second_factor_not_the_worklist(client, network: Network):
    response = post_password(client, network.practitioner_a.username)
    assert response["Location"].startswith(reverse("accounts:second-factor"))
    assert client.get(WORKLIST)["Location"].startswith(reverse("accounts:second-factor"))


def test_every_role_needs_the_second_factor(client, network: Network):
    for user in (network.practitioner_a, network.commissioner, network.analyst, network.admin):
        c = Client()
        c.force_login_password_only(user)  # type: ignore[attr-defined]
        assert c.get(WORKLIST)["Location"].startswith(reverse("accounts:second-factor")), user


def test_someone_without_an_authenticator_is_sent_to_set_one_up(client, network: Network):
    post_password(client, network.practitioner_a.username)
    response = client.get(reverse("accounts:second-factor"), {"next": WORKLIST})
    assert response["Location"].startswith(reverse("accounts:set-up"))


def test_the_set_up_page_shows_a_qr_code_drawn_on_the_server_and_the_key_as_text(client, network: Network):
    post_password(client, network.practitioner_a.username)
    html = client.get(reverse("accounts:set-up")).content.decode()
    device = TOTPDevice.objects.get(user=network.practitioner_a)
    assert "<svg" in html and "<script>" not in html
    key = re.search(r'id="secret-key">([A-Z2-7 ]+)<', html)
    assert key is not None
    typed = key.group(1).replace(" ", "")
    assert b32decode(typed + "=" * (-len(typed) % 8)) == device.bin_key


def test_a_right_code_confirms_the_authenticator_and_shows_ten_recovery_codes_once(client, network: Network):
    post_password(client, network.practitioner_a.username)
    codes = _set_up(client)
    assert len(codes) == 10 == len(set(codes))
    assert client.get(WORKLIST).status_code == 200
    # Shown once: the set-up page now refuses, and sends to the code page instead.
    assert client.get(reverse("accounts:set-up"))["Location"].startswith(reverse("accounts:second-factor"))
    assert SignInAudit.objects.filter(event=SignInEvent.SECOND_FACTOR_SET_UP, user=network.practitioner_a).exists()


def test_a_wrong_code_at_set_up_confirms_nothing(client, network: Network):
    post_password(client, network.practitioner_a.username)
    client.get(reverse("accounts:set-up"))
    response = client.post(reverse("accounts:set-up"), {"code": "000000"})
    assert "The code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get(WORKLIST).status_code == 302


def test_someone_with_an_authenticator_signs_in_with_its_code(client, network: Network):
    device = authenticator(network.practitioner_a)
    signed_in(client, network.practitioner_a, device)
    assert client.get(WORKLIST).status_code == 200
    assert SignInAudit.objects.filter(event=SignInEvent.SECOND_FACTOR).count() == 1


def test_a_wrong_code_is_refused_with_a_clear_message(client, network: Network):
    authenticator(network.practitioner_a)
    post_password(client, network.practitioner_a.username)
    response = client.post(reverse("accounts:second-factor"), {"code": "123456"})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert client.get(WORKLIST).status_code == 302


def test_a_code_is_accepted_once(client, network: Network):
    device = authenticator(network.practitioner_a)
    signed_in(client, network.practitioner_a, device)
    other = Client()
    post_password(other, network.practitioner_a.username)
    response = other.post(reverse("accounts:second-factor"), {"code": code_of(device)})
    assert response.status_code == 200


def test_a_recovery_code_signs_in_once(client, network: Network):
    post_password(client, network.practitioner_a.username)
    codes = _set_up(client)
    again = Client()
    post_password(again, network.practitioner_a.username)
    assert again.post(reverse("accounts:second-factor"), {"code": codes[0], "next": WORKLIST}).status_code == 302
    assert "9 left" in again.get(WORKLIST).content.decode()
    assert StaticToken.objects.count() == 9
    third = Client()
    post_password(third, network.practitioner_a.username)
    assert third.post(reverse("accounts:second-factor"), {"code": codes[0]}).status_code == 200
    assert third.get(WORKLIST).status_code == 302


def test_five_wrong_codes_lock_the_account_and_sign_out(client, network: Network):
    authenticator(network.practitioner_a)
    post_password(client, network.practitioner_a.username)
    for _ in range(4):
        client.post(reverse("accounts:second-factor"), {"code": "000000"})
    response = client.post(reverse("accounts:second-factor"), {"code": "000000"})
    assert response.status_code == 403
    assert "Ask an administrator to unlock it" in response.content.decode()
    assert post_password(Client(), network.practitioner_a.username).status_code == 200


def test_with_the_setting_off_the_password_is_enough(client, network: Network, settings):
    settings.REQUIRE_2FA = False
    assert post_password(client, network.practitioner_a.username)["Location"] == WORKLIST
    assert client.get(WORKLIST).status_code == 200


def test_signing_out_needs_no_second_factor(client, network: Network):
    client.force_login_password_only(network.practitioner_a)
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:sign-in")


def test_the_django_admin_has_no_sign_in_of_its_own(client, network: Network):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign-in") + "?next=/admin/"


def test_the_admin_needs_the_second_factor_too(client, network: Network):
    client.force_login_password_only(network.admin)
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:second-factor"))


def test_an_administrator_resets_a_lost_authenticator(client, network: Network):
    authenticator(network.practitioner_a)
    client.force_login(network.admin)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [network.practitioner_a.pk]},
    )
    assert not TOTPDevice.objects.filter(user=network.practitioner_a).exists()
    row = SignInAudit.objects.get(event=SignInEvent.SECOND_FACTOR_RESET)
    assert (row.user, row.by) == (network.practitioner_a, network.admin)


def test_next_goes_nowhere_but_this_site(client, network: Network):
    device = authenticator(network.practitioner_a)
    post_password(client, network.practitioner_a.username)
    response = client.post(
        reverse("accounts:second-factor"), {"code": code_of(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == WORKLIST
