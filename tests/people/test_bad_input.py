"""No input makes a people page fail: odd values come back as form errors or 404s, never 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.audit.models import BreakGlass
from liaison.people.models import Person
from tests.people.test_identify_new import valid

ODD = ["\x00", "x" * 5000, "-1", "99999999999999999999", "31/02/2020", "<script>", "😀"]


@pytest.mark.parametrize("value", ODD)
def test_the_search_never_fails(client, network, episode_a, value):
    client.force_login(network.practitioner_a)
    for params in ({"q": value}, {"date_of_birth_0": value, "date_of_birth_1": "1", "date_of_birth_2": "1990"}):
        assert client.get(reverse("people:find"), params).status_code == 200


@pytest.mark.parametrize("value", ODD)
def test_identify_new_never_fails_and_writes_nothing(client, network, value):
    client.force_login(network.practitioner_a)
    for name in valid(network):
        response = client.post(reverse("people:identify-new"), valid(network, **{name: value}))
        # A few odd values are fine as a name or a note; the rest come back as errors.
        assert response.status_code in (200, 302), name
    assert client.get(reverse("people:identify-new"), {"q": value, "dob": value}).status_code == 200


@pytest.mark.parametrize("value", ODD)
def test_identify_existing_never_fails(client, network, episode_a, value):
    client.force_login(network.practitioner_a)
    url = reverse("people:identify-existing", args=[episode_a.person_id])
    for name in ("site", "point_of_contact", "referral_source", "concerns", "identified_time", "join"):
        data = {"site": network.custody_a.pk, "referral_source": "E1", "alerted_by": "Sergeant", name: value}
        assert client.post(url, data).status_code in (200, 302, 404), name


@pytest.mark.parametrize("value", ODD)
def test_break_glass_never_fails(client, network, episode_a, value):
    client.force_login(network.practitioner_b)
    url = reverse("people:break-glass", args=[episode_a.person_id])
    assert client.post(url, {"reason": value, "scheme": value}).status_code in (200, 302)
    assert client.post(url, {"reason": "A good reason for this", "scheme": value}).status_code in (200, 302)


def test_odd_ids_are_not_found(client, network):
    client.force_login(network.practitioner_a)
    for path in ("/people/00000000-0000-0000-0000-000000000000/", "/people/not-a-uuid/", "/people/1/identify/"):
        assert client.get(path).status_code == 404
    assert not Person.objects.exists() and not BreakGlass.objects.exists()
