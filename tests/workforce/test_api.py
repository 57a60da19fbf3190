"""The workforce API: posts and the plan for whoever sees the scheme, training needs (which name
staff) for its team leads and managers only; everyone else 404."""

from __future__ import annotations

import secrets
from decimal import Decimal

import pytest

from liaison.accounts.models import ApiToken
from tests.workforce.conftest import added


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _auth(user):
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name="test", prefix=token[:8], digest=ApiToken.digest_of(token))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_commissioner_reads_posts_and_plan_without_names(client, network, manager_a):
    added(network.scheme_a, manager_a, fte=Decimal("0.6"))
    added(network.scheme_a, manager_a, "PSW3", profession="none", registration_body="", registration_number="",
          lived_experience=True)  # fmt: skip
    response = client.get("/api/v1/workforce/A", **_auth(network.commissioner))
    assert response.status_code == 200
    body = response.json()
    assert "Treloar" not in response.content.decode()
    roles = {r["role"]: r for r in body["in_post"]}
    assert roles["PR5"]["headcount"] == 1 and Decimal(roles["PR5"]["fte"]) == Decimal("0.6")
    assert roles["PSW3"]["lived_experience"] is True
    assert Decimal(body["in_post_fte"]) == Decimal("1.6")
    groups = {g["group"]: g for g in body["groups"]}
    assert Decimal(groups["manager"]["needed_fte"]) == Decimal("1.00")
    assert {a["key"] for a in body["assumptions"]} >= {"productive_hours_per_fte", "cover.practitioner"}


def test_training_needs_are_the_schemes_leads_and_managers_only(client, network, manager_a, manager_b):
    staff = added(network.scheme_a, manager_a)
    mine = client.get("/api/v1/workforce/A/training-needs", **_auth(network.team_lead_a))
    assert mine.status_code == 200
    assert {n["staff_id"] for n in mine.json()} == {staff.pk}
    for who in (network.commissioner, manager_b, network.practitioner_a):
        refused = client.get("/api/v1/workforce/A/training-needs", **_auth(who))
        assert refused.status_code == 404 and refused.json()["code"] == "not_found"


def test_another_schemes_manager_and_an_unknown_code_get_404(client, network, manager_b):
    for code in ("A", "NOPE", "Ä"):
        response = client.get(f"/api/v1/workforce/{code}", **_auth(manager_b))
        assert response.status_code == 404, code
