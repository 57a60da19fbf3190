"""The second factor: an authenticator app (TOTP) and ten recovery codes, through django-otp.

A session is verified when django-otp's session key names the device that verified it; the
middleware reads that key alone, so checking costs no query per request (ADR 0021).
"""

from __future__ import annotations

import time
from base64 import b32encode

import django_otp
import segno
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.accounts.actions import sign_in_record
from liaison.accounts.models import SignInEvent, User

APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"


def app_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def device_to_set_up(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up: the same key until it is confirmed, so a
    reload does not change the QR code under the user's phone."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=APP_DEVICE).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it by hand: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The key as a QR code, an inline SVG drawn on the server (no script, no image request)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_inline(scale=4, dark="#212b32", light="#ffffff", title="QR code of your Liaison key"))


def current_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the device shows now (for the demo's `--code` and the browser tests)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


@transaction.atomic
def set_up_confirm(*, request: HttpRequest, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the authenticator with a code it shows, issues fresh recovery codes and
    verifies the session. Returns the recovery codes (shown once), or None for a wrong code."""
    if device.user_id != user.pk or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    _verified(request, device)
    sign_in_record(event=SignInEvent.SECOND_FACTOR_SET_UP, user=user, address=_address(request))
    return codes


def second_factor_check(*, request: HttpRequest, user: User, code: str) -> SignInEvent | None:
    """Verifies the session with an authenticator code or a recovery code (which is then used
    up). A wrong code counts towards the username's lockout, as a wrong password does.
    Returns what was used, or None."""
    address = _address(request)
    device = app_device(user)
    if device is not None and code.isdigit() and device.verify_token(code):
        _verified(request, device)
        sign_in_record(event=SignInEvent.SECOND_FACTOR, user=user, address=address)
        return SignInEvent.SECOND_FACTOR
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if recovery is not None and recovery.verify_token(code):
        _verified(request, recovery)
        sign_in_record(event=SignInEvent.RECOVERY_CODE, user=user, address=address)
        return SignInEvent.RECOVERY_CODE
    sign_in_record(event=SignInEvent.SECOND_FACTOR_FAILURE, user=user, address=address)
    user_login_failed.send(sender=__name__, credentials={"username": user.username}, request=request)
    return None


def recovery_codes_left(user: User) -> int:
    left: int = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return left


@transaction.atomic
def second_factor_reset(*, user: User, by: User | None, channel: str = "web") -> None:
    """Removes the user's authenticator and recovery codes (a lost phone): they set up a new one
    at their next sign-in. Audited as an unlock of the second factor."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    sign_in_record(event=SignInEvent.SECOND_FACTOR_RESET, user=user, by=by, channel=channel)


def _verified(request: HttpRequest, device: TOTPDevice | StaticDevice) -> None:
    # A new session key at each step up in trust, as Django does at sign-in.
    request.session.cycle_key()
    django_otp.login(request, device)


def _address(request: HttpRequest) -> str | None:
    address: str | None = get_client_ip_address(request)
    return address
