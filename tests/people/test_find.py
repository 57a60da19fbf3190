from __future__ import annotations

from django.urls import reverse

from liaison.audit.models import AccessAction, AccessAudit
from tests import factories
from tests.people.conftest import NHS_NUMBER

URL = reverse("people:find")
# Another scheme's person shows only on a close match (ADR 0021): the full name and date of birth.
CLOSE_MATCH = {"q": "Jordan Ashworth", "date_of_birth_0": "17", "date_of_birth_1": "5", "date_of_birth_2": "1990"}


def test_it_explains_the_search_before_one_is_made(client, network):
    client.force_login(network.practitioner_a)
    response = client.get(URL)
    assert response.status_code == 200
    assert b"<h1>Find or identify a person</h1>" in response.content
    assert b"Search by name, NHS number or PNC ID" in response.content
    assert b"Identify a new person" in response.content
    assert not AccessAudit.objects.exists()


def test_it_finds_my_schemes_person_by_name_with_their_nhs_number(client, network, episode_a):
    client.force_login(network.practitioner_a)
    response = client.get(URL, {"q": "jordan ash"})
    html = response.content.decode()
    assert "People you can open (1)" in html
    assert reverse("people:person", args=[episode_a.person_id]) in html
    assert "999 000 0018" in html
    assert "17 May 1990" in html
    assert reverse("people:identify-existing", args=[episode_a.person_id]) in html


def test_it_finds_a_person_by_nhs_number_and_date_of_birth(client, network, episode_a):
    client.force_login(network.practitioner_a)
    params = {"q": "999 000 0018", "date_of_birth_0": "17", "date_of_birth_1": "5", "date_of_birth_2": "1990"}
    response = client.get(URL, params)
    assert reverse("people:person", args=[episode_a.person_id]) in response.content.decode()


def test_it_shows_only_minimal_identity_for_a_person_known_to_another_scheme(client, network, episode_a):
    client.force_login(network.practitioner_b)
    response = client.get(URL, CLOSE_MATCH)
    html = response.content.decode()
    assert "Known to other schemes (1)" in html
    assert "Known to Scheme A" in html
    assert "Jordan Ashworth" in html
    assert reverse("people:break-glass", args=[episode_a.person_id]) in html
    assert f'href="{reverse("people:person", args=[episode_a.person_id])}"' not in html
    assert "999 000 0018" not in html
    assert "People you can open" not in html


def test_each_search_writes_an_audit_row_for_each_person_shown(client, network, episode_a):
    client.force_login(network.practitioner_b)
    client.get(URL, CLOSE_MATCH)
    row = AccessAudit.objects.get()
    assert (row.user, row.person_id, row.action) == (network.practitioner_b, episode_a.person_id, AccessAction.SEARCH)
    assert "Ashworth" in row.what


def test_it_offers_to_identify_a_new_person_prefilled_when_no_one_matches(client, network, episode_a):
    client.force_login(network.practitioner_a)
    response = client.get(URL, {"q": "Sam Nobody"})
    html = response.content.decode()
    assert "No one found" in html
    assert reverse("people:identify-new") + "?q=Sam+Nobody&amp;dob=" in html


def test_an_empty_search_shows_the_error_summary(client, network):
    client.force_login(network.practitioner_a)
    response = client.get(URL, {"q": ""})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a name, NHS number or PNC ID, or a date of birth" in html
    assert "<title>Error: " in html


def test_an_impossible_date_of_birth_shows_the_error_summary(client, network):
    client.force_login(network.practitioner_a)
    response = client.get(URL, {"q": "", "date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "1990"})
    assert response.status_code == 200
    assert "Date must be a real date" in response.content.decode()


def test_it_refuses_commissioners_and_analysts(client, network):
    for user in (network.commissioner, network.analyst):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.get(URL, {"q": "Ashworth"}).status_code == 403


def test_a_support_worker_can_search_but_is_not_offered_identification(client, network, episode_a):
    client.force_login(network.support_worker_a)
    html = client.get(URL, {"q": NHS_NUMBER}).content.decode()
    assert reverse("people:person", args=[episode_a.person_id]) in html
    assert "Identify at my site" not in html
    assert "Identify a new person" not in html


def test_too_common_a_name_asks_for_more_details_instead_of_saying_no_one_matches(client, network, monkeypatch):
    monkeypatch.setattr("liaison.people.selectors._CANDIDATES", 2)
    for given in ("Ann", "Bea", "Cal"):
        factories.person(by=network.practitioner_b, scheme=network.scheme_b, given_name=given, family_name="Powell")
    client.force_login(network.practitioner_a)

    html = client.get(URL, {"q": "Powell"}).content.decode()

    assert "More people match this search than can be listed" in html
    assert "No one found" not in html
