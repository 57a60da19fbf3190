"""The demo sign-ins: one password for every demo account, and the lines `make run` prints."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings

from liaison.accounts.models import User
from liaison.demo.staff import DEMO_USERS

ENV = "LIAISON_DEMO_PASSWORD"


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
    probe = users.get("practitioner") or next(iter(users.values()))
    if check and not probe.check_password(password):
        lines.append(f"Note: the demo accounts were built with another password than the one in {source}.")
    return lines
