"""The standards pages open for every role that has them, refuse the rest with 404, and take
bad input with a clear error, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.organisations.models import Membership, Role
from liaison.standards.models import SelfAssessment, Status
from tests import factories

READERS = ["manager_a", "team_lead_a", "manager_b", "commissioner", "analyst"]


def user(standards, who):
    if who in ("manager_a", "manager_b"):
        return getattr(standards, who)
    return getattr(standards.network, who)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("who", READERS)
def test_every_reporting_role_opens_the_pages_of_a_submission(client, standards, who):
    submission = standards.submitted()
    client.force_login(user(standards, who))
    for url in (
        reverse("standards:home"),
        reverse("standards:framework", args=[standards.framework.pk]),
        reverse("standards:assessment", args=[submission.assessment_id]),
        reverse("standards:benchmark") + "?period=2025-Q1",
    ):
        response = client.get(url)
        assert response.status_code == 200, (who, url, response.status_code)


@pytest.mark.parametrize("who", ["practitioner_a", "support_worker_a"])
def test_roles_without_standards_pages_get_404(client, standards, who):
    client.force_login(user(standards, who))
    assert client.get(reverse("standards:home")).status_code == 404
    assert client.get(reverse("standards:benchmark")).status_code == 404


def test_a_manager_starts_rates_and_submits_on_the_pages(client, standards):
    client.force_login(standards.manager_a)
    response = client.post(reverse("standards:start"), {"period": "2025-Q1"})
    a = SelfAssessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("standards:assessment", args=[a.pk])
    rate = reverse("standards:rate", args=[a.pk, "COV.1.1"])
    response = client.post(rate, {"rating": "met", "evidence": "Audit of custody cover"})
    assert response.status_code == 302
    assert a.ratings.get(criterion__code="COV.1.1").evidence == "Audit of custody cover"
    page = client.get(reverse("standards:assessment", args=[a.pk])).content.decode()
    assert "Audit of custody cover" in page
    response = client.post(reverse("standards:submit", args=[a.pk]), {})
    assert response.status_code == 422
    assert "Rate every self-assessed criterion before submitting" in response.content.decode()


def test_bad_input_is_named_not_a_500(client, standards):
    client.force_login(standards.manager_a)
    response = client.post(reverse("standards:start"), {"period": "next spring"})
    assert response.status_code == 422 and "quarter, such as 2025-Q1" in response.content.decode()
    a = standards.start()
    response = client.post(reverse("standards:rate", args=[a.pk, "COV.1.1"]), {"rating": "brilliant"})
    assert response.status_code == 422 and "There is a problem" in response.content.decode()
    assert client.get(reverse("standards:rate", args=[a.pk, "NO.SUCH"])).status_code == 404
    response = client.get(reverse("standards:benchmark"), {"period": "2025-Q9", "scheme": "ZZ"})
    assert response.status_code == 422


def test_changing_a_submitted_assessment_on_its_page_is_refused_with_the_reason(client, standards):
    submission = standards.submitted()
    client.force_login(standards.manager_a)
    response = client.post(reverse("standards:rate", args=[submission.assessment_id, "COV.1.1"]), {"rating": "met"})
    assert response.status_code == 409
    assert "kept as it was submitted: it cannot be changed" in response.content.decode()


def test_a_resubmission_starts_from_the_submitted_page(client, standards):
    submission = standards.submitted()
    client.force_login(standards.manager_a)
    response = client.post(reverse("standards:revise", args=[submission.assessment_id]))
    draft = SelfAssessment.objects.get(version=2)
    assert response["Location"] == reverse("standards:assessment", args=[draft.pk])
    assert draft.status == Status.DRAFT


def test_another_schemes_manager_reviews_on_the_page(client, standards):
    submission = standards.submitted()
    client.force_login(standards.manager_b)
    url = reverse("standards:review", args=[submission.assessment_id])
    assert client.get(url).status_code == 200
    data = {"comment": "Fair"} | {f"agrees_{code.replace('.', '-')}": "yes" for code in submission.criteria}
    data["agrees_COV-1-1"] = "no"
    response = client.post(url, data)
    assert response.status_code == 422
    assert "Say why you disagree with the rating of COV.1.1" in response.content.decode()
    data["why_COV-1-1"] = "Court cover is missing"
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("standards:assessment", args=[submission.assessment_id])).content.decode()
    assert "Court cover is missing" in page


def test_the_own_schemes_manager_is_not_offered_a_review(client, standards):
    submission = standards.submitted()
    client.force_login(standards.manager_a)
    assert client.get(reverse("standards:review", args=[submission.assessment_id])).status_code == 404


def test_a_manager_of_two_schemes_chooses_which_to_assess(client, standards):
    both = factories.staff(role=Role.SCHEME_MANAGER, scheme=standards.network.scheme_a)
    Membership.objects.create(user=both, scheme=standards.network.scheme_b, role=Role.SCHEME_MANAGER)
    client.force_login(both)
    assert "Choose the scheme" not in client.get(reverse("standards:home")).content.decode()
    response = client.post(reverse("standards:start"), {"period": "2025-Q1"})
    assert response.status_code == 422 and "Choose the scheme" in response.content.decode()
