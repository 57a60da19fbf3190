"""The demo sign-ins: one password and one authenticator key for every demo account, and the
lines `make run` prints."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.accounts.models import User
from liaison.accounts.second_factor import APP_DEVICE, current_code, secret_text
from liaison.demo.staff import DEMO_USERS

ENV = "LIAISON_DEMO_PASSWORD"
KEY_ENV = "LIAISON_DEMO_TOTP_KEY"


def password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-password"


def demo_password() -> tuple[str, str]:
    """The password and where it came from: the environment, else a file made once beside the
    database, so a second `make run` prints the same sign-ins."""
    if password := os.environ.get(ENV, "").strip():
        return password, ENV
    path = password_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created with mode 600 from the start, so the password is never readable by others.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(12) + "\n")
    return path.read_text().strip(), str(path)


def demo_key() -> str:
    """The demo accounts' shared authenticator key (40 hex digits): the environment, else a
    file made once beside the database, like the password."""
    if key := os.environ.get(KEY_ENV, "").strip().lower():
        if len(key) != 40 or any(c not in "0123456789abcdef" for c in key):
            raise ValueError(f"{KEY_ENV} must be 40 hex digits (a 20-byte key)")
        return key
    path = Path(settings.DATA_DIR) / "demo-totp-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(20) + "\n")
    return path.read_text().strip()


def demo_second_factor(key: str) -> int:
    """Gives every demo account that has none an authenticator with the shared key, so the
    quick start signs in without a phone (`liaison demo --code USERNAME` prints the code)."""
    users = User.objects.filter(username__in=[d.username for d in DEMO_USERS]).exclude(totpdevice__confirmed=True)
    devices = [TOTPDevice(user=u, name=APP_DEVICE, key=key, confirmed=True) for u in users]
    TOTPDevice.objects.bulk_create(devices)
    return len(devices)


def demo_code(username: str) -> str | None:
    """The code a demo account's authenticator shows now; None for any other account."""
    if username not in {d.username for d in DEMO_USERS}:
        return None
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    return None if device is None else current_code(device)


def signin_lines(password: str, source: str, *, check: bool = True) -> list[str]:
    """What to print; `check` verifies the password against an account built earlier."""
    users = {u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])}
    if not users:
        return ["No demo sign-ins: this database was not built by `liaison demo`."]
    port = os.environ.get("PORT", "8000")
    lines = [f"Demo sign-ins at http://127.0.0.1:{port}/ (password for each: {password}, from {source})"]
    for demo in DEMO_USERS:
        user = users.get(demo.username)
        if user is None:
            continue
        where = sorted({str(m.site or m.scheme) for m in user.memberships.select_related("site", "scheme")})
        at = ", ".join(where) if len(where) <= 3 else f"{len(where)} schemes"
        lines.append(f"  {demo.username:<13} {demo.role.label} — {at}")
    lines.append("  (admin also signs in to the Django admin at /admin/)")
    device = TOTPDevice.objects.filter(user__in=users.values(), confirmed=True).first()
    if device is not None and settings.REQUIRE_2FA:
        lines.append(
            f"Second factor: each demo account's authenticator key is {secret_text(device)} (add it to an "
            "authenticator app), or run `liaison demo --code USERNAME` for the code it shows now."
        )
    probe = users.get("practitioner") or next(iter(users.values()))
    if check and not probe.check_password(password):
        lines.append(f"Note: the demo accounts were built with another password than the one in {source}.")
    return lines
