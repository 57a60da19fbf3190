"""Browser fixtures for the end-to-end tests: headless Debian Chromium driven by Playwright.

The one rule for missing tools lives in `browser`: when Playwright, Chromium or the axe-core
build is missing (or Chromium will not start), every browser test is skipped with the reason,
unless LIAISON_CI is set, when the same condition fails them, so CI can never pass by skipping.

Nothing here imports Playwright at module level, so a missing Playwright reaches that rule
instead of breaking collection; tests get `expect` as a fixture for the same reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from tests.e2e.axe import AXE_JS, AxeAudit, javascript_is_off_in
from tests.e2e.steps import sign_in_as

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Expect, Page
    from pytest_django.live_server_helper import LiveServer

    from tests.conftest import Network

CHROMIUM = Path(os.environ.get("LIAISON_CHROMIUM", "/usr/bin/chromium"))
# Headless, and nothing that reaches out to the network or writes a profile beyond the test.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
# Generous for a slow CI machine; auto-waiting returns as soon as the condition holds.
TIMEOUT_MS = 15_000


def browser_unavailable(reason: str) -> NoReturn:
    if os.environ.get("LIAISON_CI"):
        pytest.fail(f"browser tests are required in CI (LIAISON_CI is set): {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


def missing_tool() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as e:
        return f"Playwright for Python cannot be imported ({e}); `make install` installs it"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM}; install Debian's `chromium` package, or set LIAISON_CHROMIUM"
    if not AXE_JS.is_file():
        return f"axe-core is not built ({AXE_JS} is missing); `make assets` installs it"
    return None


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium for the e2e package, closed when the package's tests are done."""
    if reason := missing_tool():
        browser_unavailable(reason)
    from playwright.sync_api import Error, expect, sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, which makes Django
    # refuse ORM calls from the test (fixtures creating users). Nothing here is async: allow
    # them for as long as the loop runs, and no longer.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        except Error as e:
            playwright.stop()
            browser_unavailable(f"Chromium at {CHROMIUM} did not start: {e.message.splitlines()[0]}")
        expect.set_options(timeout=TIMEOUT_MS)
        yield chromium
        chromium.close()
        playwright.stop()


@pytest.fixture
def expect(browser: Browser) -> Expect:
    from playwright.sync_api import expect

    return expect


def _new_context(browser: Browser, live_server: LiveServer, *, javascript: bool) -> BrowserContext:
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=javascript, locale="en-GB", timezone_id="Europe/London"
    )
    context.set_default_timeout(TIMEOUT_MS)
    if not javascript:
        javascript_is_off_in(context)
    return context


def _watched_page(context: BrowserContext) -> Iterator[Page]:
    """A page that fails the test, at teardown, if its JavaScript threw."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh page (own cookies) on the live server: relative URLs go to it."""
    yield from _watched_page(_new_context(browser, live_server, javascript=True))


@pytest.fixture
def nojs_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A page in a context with JavaScript turned off, as on a locked-down terminal."""
    yield from _watched_page(_new_context(browser, live_server, javascript=False))


@pytest.fixture
def axe(page: Page) -> Iterator[AxeAudit]:
    """axe on demand; the test fails if it let a page go by without `axe.check()` (pages seen
    before this fixture was set up, such as a signed-in fixture's, do not count)."""
    audit = AxeAudit(page)
    yield audit
    audit.assert_every_page_checked()


@pytest.fixture
def practitioner_page(page: Page, network: Network) -> Page:
    """Signed in, through the sign-in form, as scheme A's practitioner."""
    sign_in_as(page, network.practitioner_a)
    return page
