"""The standards API: frameworks and assessments, read only, scoped as the pages are."""

from __future__ import annotations

import secrets

import pytest

from liaison.accounts.models import ApiToken


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _auth(user):
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name="test", prefix=token[:8], digest=ApiToken.digest_of(token))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_frameworks_list_every_criterion_with_its_method(client, standards):
    response = client.get("/api/v1/standards/frameworks", **_auth(standards.network.commissioner))
    assert response.status_code == 200
    [framework] = response.json()
    criteria = [c for d in framework["domains"] for s in d["standards"] for c in s["criteria"]]
    assert {c["method"] for c in criteria} == {"measured", "self_assessed"}


def test_a_commissioner_reads_a_submission_published_and_not_a_draft(client, standards):
    submission = standards.submitted()
    draft = standards.start(scheme=standards.network.scheme_b, by=standards.manager_b)
    auth = _auth(standards.network.commissioner)
    body = client.get(f"/api/v1/standards/assessments/{submission.assessment_id}", **auth).json()
    assert body["status"] == "submitted" and body["disclosure"] == "published"
    assert body["content_hash"] == submission.content_hash
    assert next(c for c in body["criteria"] if c["criterion"] == "COV.1.1")["rating"] == "met"
    missing = client.get(f"/api/v1/standards/assessments/{draft.pk}", **auth)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    listed = client.get("/api/v1/standards/assessments", **auth).json()
    assert [a["id"] for a in listed] == [submission.assessment_id]


def test_the_schemes_own_manager_reads_its_draft_not_for_publication(client, standards):
    draft = standards.start()
    body = client.get(f"/api/v1/standards/assessments/{draft.pk}", **_auth(standards.manager_a)).json()
    assert body["status"] == "draft" and body["disclosure"] == "not for publication"


def test_a_bad_period_is_a_coded_422(client, standards):
    response = client.get("/api/v1/standards/assessments?period=soon", **_auth(standards.manager_a))
    assert response.status_code == 422 and "period" in response.json()["errors"]


def test_a_practitioner_gets_404(client, standards):
    response = client.get("/api/v1/standards/frameworks", **_auth(standards.network.practitioner_a))
    assert response.status_code == 404
