from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command

# A fixed, past end date: the same seed and date must give the same rows.
TODAY = "2025-03-14"
PASSWORD = "demo password for tests"

# Argon2 is slow on purpose; the demo's tests check sign-in, not the hasher.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

Build = Callable[..., str]


@pytest.fixture
def build_demo(db: None, settings, tmp_path, monkeypatch) -> Build:
    """Runs `liaison demo` quietly into the test database; returns what it printed."""
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = FAST_HASHERS
    monkeypatch.setenv("LIAISON_DEMO_PASSWORD", PASSWORD)

    def build(*args: str, seed: int = 7, size: int = 60, today: str | None = TODAY) -> str:
        out = StringIO()
        when = ("--today", today) if today else ()
        call_command("demo", "--seed", str(seed), "--size", str(size), *when, *args, verbosity=0, stdout=out)
        return out.getvalue()

    return build
