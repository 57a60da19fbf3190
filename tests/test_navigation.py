"""Each role's menu holds only what it may use: every link in it opens for that role."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from liaison.organisations.models import Role
from tests import factories

ROLES = ["practitioner_a", "team_lead_a", "support_worker_a", "commissioner", "analyst", "admin", "scheme_manager"]


def user_of(network, role):
    if role == "scheme_manager":
        return factories.staff(role=Role.SCHEME_MANAGER, scheme=network.scheme_a)
    return getattr(network, role)


def menu_links(client: Client) -> dict[str, str]:
    """The menu of the page signing in lands on: each link's text and address."""
    page = client.get("/", follow=True).content.decode()
    menu = page.split('<nav class="nhsuk-header__navigation" aria-label="Menu">')[1].split("</nav>")[0]
    return {
        re.sub(r"<[^>]+>", "", text).strip(): href
        for href, text in re.findall(r'<a class="nhsuk-header__navigation-link" href="([^"]+)">(.*?)</a>', menu)
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_link_in_the_menu_opens_for_the_role(client, network, role):
    client.force_login(user_of(network, role))
    links = menu_links(client)
    assert links, "every role has a menu"
    for text, href in links.items():
        response = client.get(href, follow=True)
        assert response.status_code == 200, f"{role}: {text} ({href}) gave {response.status_code}"


@pytest.mark.parametrize("role", ["commissioner", "analyst"])
def test_aggregate_roles_are_not_offered_records(client, network, role):
    client.force_login(user_of(network, role))
    links = menu_links(client)
    assert reverse("people:find") not in links.values()
    assert reverse("pathway:worklist") not in links.values()


def test_the_administrator_has_a_link_to_the_admin(client, network):
    client.force_login(network.admin)
    assert menu_links(client).get("Administration") == reverse("admin:index")


@pytest.mark.parametrize("role", ["practitioner_a", "team_lead_a", "support_worker_a", "commissioner", "analyst"])
def test_only_the_administrator_has_that_link(client, network, role):
    client.force_login(user_of(network, role))
    assert reverse("admin:index") not in menu_links(client).values()


def test_the_administrators_home_says_where_their_work_is(client, network):
    client.force_login(network.admin)
    page = client.get(reverse("pathway:worklist")).content.decode()
    assert "Your role has no worklist" in page
    assert "Ask your team lead" not in page
