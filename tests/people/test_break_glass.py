from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from liaison.audit.models import AccessAction, AccessAudit, BreakGlass
from liaison.core import clock
from tests import factories


def url(person_id):
    return reverse("people:break-glass", args=[person_id])


REASON = "In custody at our suite; says your team saw him last week"


def test_it_explains_that_opening_the_record_is_recorded(client, network, episode_a):
    client.force_login(network.practitioner_b)
    response = client.get(url(episode_a.person_id))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Open a record held by another scheme</h1>" in html
    assert "Jordan Ashworth is known to Scheme A" in html
    assert "shown to the team lead" in html
    assert "999 000 0018" not in html


def test_the_name_it_shows_is_audited_as_the_name_only(client, network, episode_a):
    client.force_login(network.practitioner_b)
    client.get(url(episode_a.person_id))
    row = AccessAudit.objects.get()
    assert (row.user, row.person_id, row.action, row.what) == (
        network.practitioner_b,
        episode_a.person_id,
        AccessAction.NAME_ONLY,
        "break-glass page",
    )


def test_it_needs_a_reason_and_grants_nothing_without_one(client, network, episode_a):
    client.force_login(network.practitioner_b)
    response = client.post(url(episode_a.person_id), {"reason": "  need  "})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the reason you need to open this record, in at least 10 characters" in html
    assert not BreakGlass.objects.exists()
    assert not AccessAudit.objects.exclude(action=AccessAction.NAME_ONLY).exists()
    assert client.get(reverse("people:person", args=[episode_a.person_id])).status_code == 404


def test_a_reason_opens_the_record(client, network, episode_a):
    client.force_login(network.practitioner_b)
    response = client.post(url(episode_a.person_id), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person", args=[episode_a.person_id])
    grant = BreakGlass.objects.get()
    assert (grant.user, grant.scheme, grant.reason) == (network.practitioner_b, network.scheme_a, REASON)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert reverse("pathway:episode", args=[episode_a.pk]) in page.content.decode()
    assert "shown to the team leads of Scheme A" in page.content.decode()


def test_the_holding_schemes_team_lead_sees_it_in_the_access_log(client, network, episode_a):
    client.force_login(network.practitioner_b)
    client.post(url(episode_a.person_id), {"reason": REASON})
    client.force_login(network.team_lead_a)
    html = client.get(reverse("people:person", args=[episode_a.person_id])).content.decode()
    assert str(network.practitioner_b) in html
    assert "Broke glass to open" in html
    assert REASON in html
    assert AccessAudit.objects.filter(user=network.practitioner_b, action=AccessAction.BREAK_GLASS).count() == 1


def test_a_person_held_by_two_schemes_can_be_opened_for_one(client, network, episode_a):
    scheme_c = factories.scheme(code="C", name="Scheme C")
    site_c = factories.site(scheme=scheme_c)
    practitioner_c = factories.staff(scheme=scheme_c)
    factories.episode(by=practitioner_c, site=site_c, who=episode_a.person)
    client.force_login(network.practitioner_b)
    html = client.get(url(episode_a.person_id)).content.decode()
    assert "Whose record do you need to open?" in html
    client.post(url(episode_a.person_id), {"reason": REASON, "scheme": str(scheme_c.pk)})
    assert [g.scheme for g in BreakGlass.objects.all()] == [scheme_c]


def test_every_holding_scheme_is_opened_unless_one_is_chosen(client, network, episode_a):
    scheme_c = factories.scheme(code="C", name="Scheme C")
    practitioner_c = factories.staff(scheme=scheme_c)
    factories.episode(by=practitioner_c, site=factories.site(scheme=scheme_c), who=episode_a.person)
    client.force_login(network.practitioner_b)
    client.post(url(episode_a.person_id), {"reason": REASON, "scheme": ""})
    assert {g.scheme for g in BreakGlass.objects.all()} == {network.scheme_a, scheme_c}


def test_a_person_i_can_already_see_goes_straight_to_their_page(client, network, episode_a):
    client.force_login(network.practitioner_a)
    response = client.get(url(episode_a.person_id))
    assert response["Location"] == reverse("people:person", args=[episode_a.person_id])
    client.post(url(episode_a.person_id), {"reason": REASON})
    assert not BreakGlass.objects.exists()


def test_an_expired_grant_opens_nothing(client, network, episode_a):
    at = clock.now() - timedelta(hours=13)
    BreakGlass.objects.create(
        user=network.practitioner_b,
        person=episode_a.person,
        scheme=network.scheme_a,
        reason=REASON,
        at=at,
        expires_at=at + timedelta(hours=12),
    )
    client.force_login(network.practitioner_b)
    assert client.get(reverse("people:person", args=[episode_a.person_id])).status_code == 404
    assert client.get(url(episode_a.person_id)).status_code == 200


def test_roles_without_identifiable_access_get_404(client, network, episode_a):
    client.force_login(network.commissioner)
    assert client.get(url(episode_a.person_id)).status_code == 404
    assert client.post(url(episode_a.person_id), {"reason": REASON}).status_code == 404
    assert not BreakGlass.objects.exists()
