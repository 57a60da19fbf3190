""" "Seen before?" in the browser: a known person is offered, and chosen, before a new one."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from liaison.pathway.models import Episode
from liaison.people.models import Person
from tests import factories
from tests.e2e.steps import identify_new_person

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


def test_a_known_person_is_offered_and_chosen_instead_of_a_new_record(
    practitioner_page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    known = factories.person(
        by=network.practitioner_a,
        scheme=network.scheme_a,
        given_name="Robin",
        family_name="Seenbefore",
        date_of_birth=date(1988, 11, 3),
    )
    axe.check()
    identify_new_person(
        practitioner_page,
        given_name="Robyn",
        family_name="Seenbefore",
        born=date(1988, 11, 3),
        site_label=f"{network.custody_a.name} ({network.scheme_a.name})",
        axe=axe,
        searched_for="Zzzz Nobody",
    )
    practitioner_page.get_by_role("heading", name="Seen before? Check these people first", level=1).wait_for()
    axe.check()
    practitioner_page.get_by_role("button", name="This is the same person").click()
    episode = Episode.objects.get()
    expect(practitioner_page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    axe.check()
    assert episode.person == known and Person.objects.count() == 1
