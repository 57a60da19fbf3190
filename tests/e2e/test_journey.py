"""The whole journey of issue 2 in the browser: identification, screening, closure, timeline,
with axe on every page visited (the `axe` fixture fails the test if one went unchecked)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage
from tests.e2e.steps import close_episode, identify_new_person, record_screening, sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Expect, Page

    from tests.conftest import Network
    from tests.e2e.axe import AxeAudit

pytestmark = pytest.mark.browser


def test_a_practitioner_takes_a_new_person_from_custody_to_closure(
    page: Page, axe: AxeAudit, network: Network, expect: Expect
) -> None:
    page.goto(reverse("accounts:sign-in"))
    axe.check()
    sign_in_as(page, network.practitioner_a, axe=axe)
    expect(page.get_by_role("heading", name="Open episodes at my sites", level=1)).to_be_visible()
    axe.check()

    identify_new_person(
        page,
        given_name="Jordan",
        family_name="Journeytest",
        born=date(1990, 5, 17),
        site_label=f"{network.custody_a.name} ({network.scheme_a.name})",
        axe=axe,
    )
    episode = Episode.objects.get(person__family_name="Journeytest")
    expect(page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jordan Journeytest")
    axe.check()

    record_screening(page, axe=axe)
    expect(page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    axe.check()

    close_episode(page, axe=axe)
    expect(page).to_have_url(reverse("pathway:episode", args=[episode.pk]))
    main = page.get_by_role("main")
    for step in ("Identified", "Screened", "Closed"):
        expect(main).to_contain_text(step)
    expect(main).to_contain_text("Mental health")
    expect(main).to_contain_text("No further action")
    axe.check()

    episode.refresh_from_db()
    assert episode.stage == Stage.CLOSED
    kinds = list(PathwayEvent.objects.filter(episode=episode).values_list("kind", flat=True))
    assert kinds == ["episode:identify", "consent:record", "episode:screen", "episode:close"]
    # axe saw each form, at the address of its URL name.
    checked_paths = {urlsplit(url).path for url in axe.checked}
    for name in ("people:find", "people:identify-new"):
        assert reverse(name) in checked_paths
    for name in ("pathway:screen", "pathway:close"):
        assert reverse(name, args=[episode.pk]) in checked_paths
