"""Changes to the network made in the admin are written with their events."""

from __future__ import annotations

from liaison.accounts.models import User
from liaison.geography.models import LocalAuthority
from liaison.organisations.models import Footprint, Membership, OrganisationEvent, Role


def admin_client(client):
    admin = User.objects.create_superuser("root", password="a long enough password 1")
    client.force_login(admin)
    return client, admin


def scheme_form(scheme, footprints=(), initial=0, **fields):
    """The scheme's change form as the admin posts it, with footprint rows (`footprints-N-...`)."""
    form = {
        "code": scheme.code,
        "name": scheme.name,
        "provider": scheme.provider,
        "region": scheme.region_id,
        "wave": scheme.wave,
        "go_live": scheme.go_live.isoformat(),
        "footprint_note": "",
        "sites-TOTAL_FORMS": "0",
        "sites-INITIAL_FORMS": "0",
        "footprints-TOTAL_FORMS": str(len(footprints)),
        "footprints-INITIAL_FORMS": str(initial),
        **fields,
    }
    for n, row in enumerate(footprints):
        form.update({f"footprints-{n}-{k}": v for k, v in row.items()})
    return form


def test_changing_a_scheme_in_the_admin_writes_what_changed(client, network):
    client, admin = admin_client(client)
    scheme = network.scheme_a
    url = f"/admin/organisations/scheme/{scheme.pk}/change/"
    response = client.post(url, scheme_form(scheme, name="Renamed scheme"))
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


def test_a_footprint_added_in_the_admin_writes_its_event(client, network):
    client, admin = admin_client(client)
    scheme = network.scheme_a
    liverpool = LocalAuthority.objects.get(code="E08000012")
    row = {"local_authority": liverpool.pk, "effective_from": "2014-04-01", "effective_to": ""}
    response = client.post(f"/admin/organisations/scheme/{scheme.pk}/change/", scheme_form(scheme, [row]))
    assert response.status_code == 302, response.content[:2000]
    event = OrganisationEvent.objects.get(kind="scheme:footprint:add")
    assert (event.actor, event.scheme_id, event.data["local_authority"]) == (admin, scheme.pk, "E08000012")


def test_an_overlapping_footprint_in_the_admin_is_shown_as_a_form_error(client, network):
    client, _ = admin_client(client)
    scheme = network.scheme_a
    liverpool = LocalAuthority.objects.get(code="E08000012")
    saved = Footprint.objects.create(scheme=scheme, local_authority=liverpool, effective_from=scheme.go_live)
    rows = [
        {"id": saved.pk, "scheme": scheme.pk, "local_authority": liverpool.pk, "effective_from": "2014-04-01"},
        {"local_authority": liverpool.pk, "effective_from": "2016-04-01", "effective_to": ""},
    ]
    response = client.post(f"/admin/organisations/scheme/{scheme.pk}/change/", scheme_form(scheme, rows, initial=1))
    assert response.status_code == 200
    assert b"already covers Liverpool" in response.content
    assert Footprint.objects.count() == 1
