"""The accessibility helper itself: it must be able to fail, and say why."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from tests.e2e.axe import AxeAudit, assert_accessible

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_axe_names_the_rule_the_impact_and_the_failing_element(page: Page) -> None:
    page.set_content('<html lang="en"><title>Bad</title><main><h1>Bad</h1><img src="x.png" id="photo"></main></html>')
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "image-alt [critical]" in message
    assert "Images must have alternative text" in message
    assert "at #photo" in message


def test_axe_runs_the_wcag_22_rules(page: Page) -> None:
    # target-size is tagged wcag22aa only: two tiny links side by side fail it.
    page.set_content(
        '<html lang="en"><title>Small</title><main><h1>Small</h1>'
        '<a href="#a" style="display:inline-block;width:10px;height:10px">a</a>'
        '<a href="#b" style="display:inline-block;width:10px;height:10px">b</a></main></html>'
    )
    with pytest.raises(AssertionError, match="target-size"):
        assert_accessible(page)


def test_an_audit_notices_a_page_that_was_never_checked(page: Page) -> None:
    audit = AxeAudit(page)
    page.goto(reverse("accounts:sign-in"))
    audit.check()
    page.goto(reverse("accounts:sign-in") + "?again")
    page.goto(reverse("accounts:sign-in"))
    audit.check()
    with pytest.raises(AssertionError, match=r"never checked with axe: \['http://[^']*\?again'\]"):
        audit.assert_every_page_checked()


def test_axe_refuses_a_page_without_javascript_instead_of_hanging(nojs_page: Page) -> None:
    nojs_page.goto(reverse("accounts:sign-in"))
    with pytest.raises(RuntimeError, match="JavaScript is off"):
        assert_accessible(nojs_page)
