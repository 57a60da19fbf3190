"""Changes to the network made in the admin are written with their events."""

from __future__ import annotations

from liaison.accounts.models import User
from liaison.organisations.models import Membership, OrganisationEvent, Role


def admin_client(client):
    admin = User.objects.create_superuser("root", password="a long enough password 1")
    client.force_login(admin)
    return client, admin


def test_changing_a_scheme_in_the_admin_writes_what_changed(client, network):
    client, admin = admin_client(client)
    scheme = network.scheme_a
    url = f"/admin/organisations/scheme/{scheme.pk}/change/"
    form = {
        "code": scheme.code,
        "name": "Renamed scheme",
        "provider": scheme.provider,
        "region": scheme.region_id,
        "wave": scheme.wave,
        "go_live": scheme.go_live.isoformat(),
        "footprint_note": "",
        "sites-TOTAL_FORMS": "0",
        "sites-INITIAL_FORMS": "0",
        "footprints-TOTAL_FORMS": "0",
        "footprints-INITIAL_FORMS": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content[:2000]
    event = OrganisationEvent.objects.get(kind="scheme:change", subject_id=scheme.pk)
    assert event.data["changes"]["name"][1] == "Renamed scheme"
    assert (event.actor, event.scheme_id) == (admin, scheme.pk)


def test_a_membership_granted_and_ended_in_the_admin_writes_both_events(client, network):
    client, _ = admin_client(client)
    user = User.objects.create_user("newstarter", password="a long enough password 2")
    response = client.post(
        "/admin/organisations/membership/add/",
        {"user": user.pk, "role": Role.PRACTITIONER, "scheme": network.scheme_a.pk, "site": ""},
    )
    assert response.status_code == 302, response.content[:2000]
    m = Membership.objects.get(user=user)
    client.post(f"/admin/organisations/membership/{m.pk}/delete/", {"post": "yes"})
    kinds = list(OrganisationEvent.objects.filter(subject="membership", subject_id=m.pk).values_list("kind", flat=True))
    assert kinds == ["membership:grant", "membership:end"]
    assert not Membership.objects.filter(pk=m.pk).exists()
