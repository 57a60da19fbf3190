"""The directory's pages: everyone in a scheme searches; team leads maintain."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.referrals.models import Service, ServiceEvent
from tests.pathway.pages import html, signed_in
from tests.referrals import builders

NEW = reverse("referrals:service-new")
VALID = {
    "name": "Knowsley talking therapies",
    "service_type": "talking_therapies",
    "min_age": "16",
    "phone": "0151 555 0101",
}


def test_a_practitioner_searches_the_directory_by_age(client, network):
    builders.service(scheme=network.scheme_a, name="Sefton crisis team", service_type="crisis", min_age=18)
    builders.service(
        scheme=network.scheme_a, name="Youth offending service", service_type="youth_offending", max_age=17
    )
    page = html(signed_in(client, network.practitioner_a).get(reverse("referrals:services"), {"age": "15"}))
    assert "Youth offending service" in page
    assert "Sefton crisis team" not in page
    assert "Add a service" not in page


def test_a_bad_age_in_the_search_is_an_error_not_a_crash(client, network):
    response = signed_in(client, network.practitioner_a).get(reverse("referrals:services"), {"age": "old"})
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html(response)


@pytest.mark.parametrize("who", ["practitioner_a", "support_worker_a"])
def test_practitioners_and_support_workers_cannot_edit(client, network, who):
    s = builders.service(scheme=network.scheme_a)
    c = signed_in(client, getattr(network, who))
    assert c.get(NEW).status_code == 403
    assert c.post(NEW, VALID).status_code == 403
    assert c.get(reverse("referrals:service-edit", args=[s.pk])).status_code == 403
    assert c.post(reverse("referrals:service-edit", args=[s.pk]), VALID).status_code == 403
    assert c.post(reverse("referrals:service-active", args=[s.pk]), {"active": "no"}).status_code == 403
    s.refresh_from_db()
    assert s.active and s.name != VALID["name"]
    assert Service.objects.count() == 1


def test_commissioners_have_no_directory(client, network):
    assert signed_in(client, network.commissioner).get(reverse("referrals:services")).status_code == 403


def test_a_team_lead_adds_a_service(client, network):
    response = signed_in(client, network.team_lead_a).post(NEW, {**VALID, "scheme": network.scheme_a.pk})
    s = Service.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:service", args=[s.pk])
    assert (s.scheme, s.min_age, s.max_age) == (network.scheme_a, 16, None)


def test_a_team_lead_cannot_add_to_another_scheme(client, network):
    response = signed_in(client, network.team_lead_a).post(NEW, {**VALID, "scheme": network.scheme_b.pk})
    assert response.status_code == 200
    assert "Select one of your schemes" in html(response)
    assert not Service.objects.exists()


def test_a_rejected_service_form_changes_nothing(client, network):
    response = signed_in(client, network.team_lead_a).post(
        NEW, {**VALID, "scheme": network.scheme_a.pk, "email": "nope", "min_age": "40", "max_age": "18"}
    )
    page = html(response)
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in page
    assert "The oldest age must be the same as or more than the youngest age" in page
    assert not Service.objects.exists()


def test_a_team_lead_edits_and_the_change_is_shown(client, network):
    s = builders.service(scheme=network.scheme_a, name="Old name", service_type="crisis")
    c = signed_in(client, network.team_lead_a)
    response = c.post(reverse("referrals:service-edit", args=[s.pk]), {"name": "New name", "service_type": "crisis"})
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.name == "New name"
    page = html(c.get(reverse("referrals:service", args=[s.pk])))
    assert "Edited" in page and str(network.team_lead_a) in page


def test_a_team_lead_deactivates_and_reactivates(client, network):
    s = builders.service(scheme=network.scheme_a)
    c = signed_in(client, network.team_lead_a)
    c.post(reverse("referrals:service-active", args=[s.pk]), {"active": "no"})
    s.refresh_from_db()
    assert not s.active
    c.post(reverse("referrals:service-active", args=[s.pk]), {"active": "yes"})
    s.refresh_from_db()
    assert s.active
    assert list(ServiceEvent.objects.filter(service=s).values_list("kind", flat=True)) == [
        "service:reactivate",
        "service:deactivate",
        "service:create",
    ]


def test_the_active_switch_takes_no_get(client, network):
    s = builders.service(scheme=network.scheme_a)
    assert (
        signed_in(client, network.team_lead_a).get(reverse("referrals:service-active", args=[s.pk])).status_code == 405
    )
