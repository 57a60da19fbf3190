from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command

from liaison.demo.build import save, setup
from liaison.demo.episodes import Plan
from liaison.demo.hours import local
from liaison.demo.network import PRACTITIONER_SCHEME
from liaison.organisations.models import PointOfContact, SiteKind
from liaison.pathway.models import Episode

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


@pytest.fixture
def scripted(db: None, settings, tmp_path) -> Callable[..., list[Episode]]:
    """Builds the network and staff, then plays the named demo scripts (`episodes.SCRIPTS`) at
    the demo practitioner's custody suite and saves them as `liaison demo` does."""
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = FAST_HASHERS

    def play(*scripts: str, seed: int = 7, days_before: int = 120) -> list[Episode]:
        until = local(date.fromisoformat(TODAY), 16, 0)
        _, _, sim = setup(seed=seed, until=until, password_hash=make_password(PASSWORD))
        cast = next(c for c in sim.casts if c.spec.code == PRACTITIONER_SCHEME)
        site = next(s for s in cast.sites[SiteKind.CUSTODY_SUITE] if s.pk in cast.regulars)
        at = until - timedelta(days=days_before)
        drafts = [
            sim.play(Plan(cast, PointOfContact.CUSTODY, site, at + timedelta(hours=n), child=False), script=script)
            for n, script in enumerate(scripts)
        ]
        save(sim, progress=False)
        return [Episode.objects.get(pk=d.episode.pk) for d in drafts]

    return play
