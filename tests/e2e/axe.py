"""Accessibility checks with axe-core (from npm: frontend/node_modules/axe-core) at WCAG 2.2 AA.

`assert_accessible(page)` checks the page as it is now. `AxeAudit` also remembers every page
the browser landed on, so a journey test can assert that none went unchecked.
"""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Frame, Page

AXE_JS = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA is every A and AA rule of 2.0, 2.1 and 2.2 (axe tags rules by the version that added them).
WCAG_22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


# Contexts with JavaScript turned off: axe.run never settles there (no timers), so it would hang.
_without_javascript: weakref.WeakSet[BrowserContext] = weakref.WeakSet()


def javascript_is_off_in(context: BrowserContext) -> None:
    _without_javascript.add(context)


@functools.cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Runs axe in the page, injecting it first when the page does not have it yet.

    Needs a context with JavaScript enabled; the pages a no-JavaScript test visits are the same
    HTML as the ones the other tests check.
    """
    if page.context in _without_javascript:
        raise RuntimeError("axe cannot run where JavaScript is off: check the page in a `page` test instead")
    page.wait_for_load_state("load")
    # The NHS header lays its menu out again in an animation frame after a resize (a phone-sized
    # viewport, say): checked before that frame, its links are measured half moved, against the
    # wrong background. Two frames and any running transitions, then axe sees the page as shown.
    page.evaluate(
        """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() =>
            Promise.all(document.getAnimations().map(a => a.finished)).then(done, done))))"""
    )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result: dict[str, Any] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        list(WCAG_22_AA),
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]], where: str) -> str:
    """A failure message a person can act on: rule, impact, help and where it failed."""
    lines = [f"{len(violations)} accessibility violation(s) (WCAG 2.2 AA) on {where}:"]
    for v in violations:
        lines.append(f"- {v['id']} [{v.get('impact') or 'unknown impact'}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"    at {target}")
            if summary := node.get("failureSummary"):
                lines.extend(f"      {line}" for line in str(summary).splitlines())
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, describe(violations, f"{page.title()!r} <{page.url}>")


@dataclass
class AxeAudit:
    """Runs axe on demand and notices every page the browser landed on but nobody checked.

    Each navigation of the main frame (a link, a form post and its redirect, a reload) makes a
    new page pending; `check()` clears it. A second navigation while one is pending counts the
    first as missed.
    """

    page: Page
    checked: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    pending: str | None = None

    def __post_init__(self) -> None:
        self.page.on("framenavigated", self._landed)

    def _landed(self, frame: Frame) -> None:
        if frame is self.page.main_frame:
            if self.pending is not None:
                self.missed.append(self.pending)
            self.pending = frame.url

    def check(self) -> None:
        """Asserts the current page has no violations; it then counts as checked."""
        assert_accessible(self.page)
        self.checked.append(self.page.url)
        self.pending = None

    def assert_every_page_checked(self) -> None:
        assert self.checked, "no page was checked with axe"
        unchecked = [*self.missed, *([self.pending] if self.pending else [])]
        assert not unchecked, f"pages visited but never checked with axe: {unchecked}"
