from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.accounts.models import User
from liaison.organisations.models import Role, Scheme, Site, SiteKind
from tests import factories

# Two-factor sign-in is required (ADR 0021). Tests that are not about signing in use
# `force_login`, which here also gives the session its second factor, as if the user had typed
# their code; `force_login_password_only` is Django's own, a session still waiting for the code.
_django_force_login = Client.force_login


def _force_login_with_second_factor(self: Client, user: Any, backend: str | None = None) -> None:
    _django_force_login(self, user, backend)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Tests' authenticator", confirmed=True)
    session = self.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


Client.force_login = _force_login_with_second_factor  # type: ignore[method-assign,assignment]
Client.force_login_password_only = _django_force_login  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _throttles_start_afresh() -> None:
    """The API's throttles and the search limit count in the cache, which outlives a test."""
    cache.clear()


@dataclass
class Network:
    """Two schemes, A and B, each with a custody suite and a court and staff in each role."""

    scheme_a: Scheme
    scheme_b: Scheme
    custody_a: Site
    court_a: Site
    custody_b: Site
    practitioner_a: User
    practitioner_b: User
    team_lead_a: User
    team_lead_b: User
    support_worker_a: User
    commissioner: User
    analyst: User
    admin: User


@pytest.fixture
def network(db: None) -> Network:
    a = factories.scheme(code="A", name="Scheme A")
    b = factories.scheme(code="B", name="Scheme B")
    custody_a = factories.site(scheme=a, kind=SiteKind.CUSTODY_SUITE, target_minutes=120)
    court_a = factories.site(scheme=a, kind=SiteKind.MAGISTRATES_COURT, target_minutes=60)
    custody_b = factories.site(scheme=b, kind=SiteKind.CUSTODY_SUITE, target_minutes=120)
    return Network(
        scheme_a=a,
        scheme_b=b,
        custody_a=custody_a,
        court_a=court_a,
        custody_b=custody_b,
        practitioner_a=factories.staff(role=Role.PRACTITIONER, scheme=a),
        practitioner_b=factories.staff(role=Role.PRACTITIONER, scheme=b),
        team_lead_a=factories.staff(role=Role.TEAM_LEAD, scheme=a),
        team_lead_b=factories.staff(role=Role.TEAM_LEAD, scheme=b),
        support_worker_a=factories.staff(role=Role.SUPPORT_WORKER, site=custody_a),
        commissioner=factories.staff(role=Role.COMMISSIONER, scheme=a),
        analyst=factories.staff(role=Role.NATIONAL_ANALYST, scheme=a),
        admin=factories.administrator(scheme=a),
    )


@pytest.fixture(autouse=True)
def _analytics_store_of_the_test(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's analytics store and audit anchors are its own (the demo and returns write a
    store, sealing writes anchors): never var/."""
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    settings.AUDIT_ANCHORS = tmp_path / "audit-anchors.jsonl"
    monkeypatch.setenv("LIAISON_PSEUDONYM_KEY", "the tests' pseudonym key")


@pytest.fixture(scope="session", autouse=True)
def _ci_runs_on_postgresql_for_real(request: pytest.FixtureRequest) -> None:
    """In CI (LIAISON_CI set), a run meant for PostgreSQL must not quietly test something else:
    when DATABASE_URL names PostgreSQL, the test database must answer as PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not os.environ.get("LIAISON_CI") or not url.startswith("postgres"):
        return
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock(), connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = str(cursor.fetchone()[0])
    if connection.vendor != "postgresql" or not version.startswith("PostgreSQL"):
        pytest.fail(
            f"CI asked for PostgreSQL (DATABASE_URL={url.split('@')[-1]}) but the tests run on "
            f"{connection.vendor}: {version}",
            pytrace=False,
        )
