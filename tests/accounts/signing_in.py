"""Steps shared by the sign-in tests: the form, the second factor, the authenticator's code."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.accounts.models import User
from liaison.accounts.second_factor import current_code
from tests import factories


def post_password(client: Client, username: str, password: str = factories.PASSWORD, address: str = "127.0.0.1"):
    data = {"username": username, "password": password}
    return client.post(reverse("accounts:sign-in"), data, REMOTE_ADDR=address)


def authenticator(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code_of(device: TOTPDevice) -> str:
    return current_code(device)


def signed_in(client: Client, user: User, device: TOTPDevice) -> None:
    """Through the real forms: password, then the authenticator's code."""
    assert post_password(client, user.username).status_code == 302
    response = client.post(reverse("accounts:second-factor"), {"code": code_of(device)})
    assert response.status_code == 302, response.content.decode()[:2000]
