"""Finding a person: names need three characters, name searches are limited per hour, and
people of other schemes appear only on a close match, never on a few letters (ADR 0021)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from liaison.accounts.actions import api_token_create
from liaison.core.errors import Invalid, Throttled
from liaison.people.selectors import person_search
from tests import factories
from tests.interop.conftest import Api


@pytest.fixture
def elsewhere(network):
    """Known to scheme A only; searched for by scheme B's practitioner."""
    person = factories.person(
        by=network.practitioner_a,
        scheme=network.scheme_a,
        given_name="Morgan",
        family_name="Ashdown",
        date_of_birth=date(1985, 6, 1),
        nhs_number="9990000026",
        pnc_id="2019/12345G",
    )
    factories.episode(by=network.practitioner_a, site=network.custody_a, who=person)
    return person


@pytest.mark.parametrize("query", ["a", "as", " a s "])
def test_a_name_of_fewer_than_three_characters_is_refused(network, query):
    with pytest.raises(Invalid) as refused:
        person_search(user=network.practitioner_b, query=query)
    assert refused.value.code == "query_too_short"


def test_the_page_says_how_much_to_type(client, network):
    client.force_login(network.practitioner_b)
    html = client.get(reverse("people:find"), {"q": "as"}).content.decode()
    assert "Enter at least 3 characters of the name" in html
    assert "There is a problem" in html


def test_the_api_answers_a_short_name_with_query_too_short(network):
    r = Api(api_token_create(user=network.practitioner_b)[1]).get("/people", q="as")
    assert r.status_code == 422
    assert r.json()["code"] == "query_too_short"


@pytest.mark.parametrize("query", ["Ash", "Ashdown", "Morgan Ash", "Morgan Ashdown"])
def test_a_partial_or_bare_name_shows_no_one_of_another_scheme(network, elsewhere, query):
    assert person_search(user=network.practitioner_b, query=query).elsewhere == []


def test_the_full_name_with_the_date_of_birth_shows_them(network, elsewhere):
    [known] = person_search(
        user=network.practitioner_b, query="ashdown morgan", date_of_birth=date(1985, 6, 1)
    ).elsewhere
    assert known.person_id == elsewhere.pk


def test_a_date_of_birth_alone_shows_no_one_of_another_scheme(network, elsewhere):
    assert person_search(user=network.practitioner_b, query="", date_of_birth=date(1985, 6, 1)).elsewhere == []


@pytest.mark.parametrize("query", ["999 000 0026", "2019/12345G", "19/0012345g"])
def test_an_identifier_shows_them(network, elsewhere, query):
    assert [k.person_id for k in person_search(user=network.practitioner_b, query=query).elsewhere] == [elsewhere.pk]


def test_the_users_own_people_still_come_up_on_part_of_a_name(network, elsewhere):
    assert person_search(user=network.practitioner_a, query="Ash").mine == [elsewhere]


def test_name_searches_are_limited_per_hour(network, settings):
    settings.SEARCH_NAME_LIMIT_PER_HOUR = 3
    for _ in range(3):
        person_search(user=network.practitioner_a, query="Smith")
    with pytest.raises(Throttled) as refused:
        person_search(user=network.practitioner_a, query="Smith")
    assert 0 < refused.value.retry_after <= 3600
    # Identifiers are not names: they still work, and another user is not held back.
    person_search(user=network.practitioner_a, query="9990000026")
    person_search(user=network.team_lead_a, query="Smith")


def test_the_page_says_the_limit_was_reached(client, network, settings):
    settings.SEARCH_NAME_LIMIT_PER_HOUR = 1
    client.force_login(network.practitioner_a)
    client.get(reverse("people:find"), {"q": "Smith"})
    response = client.get(reverse("people:find"), {"q": "Smith"})
    assert response.status_code == 429
    assert "You have searched by name 1 times this hour" in response.content.decode()


def test_the_api_answers_too_many_name_searches_with_429_and_retry_after(network, settings):
    settings.SEARCH_NAME_LIMIT_PER_HOUR = 1
    api = Api(api_token_create(user=network.practitioner_a)[1])
    assert api.get("/people", q="Smith").status_code == 200
    r = api.get("/people", q="Smith")
    assert r.status_code == 429
    assert r.json()["code"] == "throttled"
    assert int(r["Retry-After"]) > 0
