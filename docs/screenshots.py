"""Screenshots of the demo's main pages for the README, taken in headless Chromium.

    .venv/bin/liaison demo --seed 1      # the data: synthetic only (NHS numbers in the 999 range)
    .venv/bin/liaison runserver 8000     # or `make run`, in another shell
    .venv/bin/python docs/screenshots.py [--base-url http://127.0.0.1:8000]

Signs in as the demo practitioner (the password and the authenticator's code from the same
database the server uses: set DATABASE_URL alike), then saves the worklist, an episode with an
instrument response and a share, and that share's report as PNGs in docs/screenshots/, 1000 px
wide. Run it again after a page changes, so the README shows the pages as they are.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "screenshots"
CHROMIUM = os.environ.get("LIAISON_CHROMIUM", "/usr/bin/chromium")
WIDTH, HEIGHT = 1000, 1300
# Each page's top: what a reader needs to see; kept small for the repository.
LIMIT_BYTES = 200_000


def _django() -> None:
    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    import django

    django.setup()


def _pages() -> dict[str, tuple[str, str]]:
    """The pages to take, by file name, with the heading each starts at ("" for the top): an
    episode at the practitioner's sites with a completed instrument and a share to a court (its
    findings and instruments, its consents and shares), and the share's report."""
    from django.db.models import Exists, OuterRef

    from liaison.demo.network import PRACTITIONER_SITES
    from liaison.screening.instruments.models import InstrumentResponse
    from liaison.sharing.models import InformationShare

    with_instrument = InstrumentResponse.objects.filter(episode=OuterRef("episode"))
    share = (
        InformationShare.objects.filter(
            episode__site__code__in=PRACTITIONER_SITES, agency="magistrates_court", basis="consent"
        )
        .filter(Exists(with_instrument))
        .exclude(snapshot__findings=[])
        .order_by("-shared_at")
        .first()
    ) or InformationShare.objects.filter(episode__site__code__in=PRACTITIONER_SITES).order_by("-shared_at").first()
    if share is None:
        raise SystemExit("No share at the practitioner's sites: build the demo first (liaison demo --seed 1)")
    episode = f"/episodes/{share.episode_id}/"
    return {
        "worklist.png": ("/", ""),
        "episode.png": (episode, "Findings"),
        "episode-sharing.png": (episode, "Consent and information sharing"),
        "share-report.png": (f"/shares/{share.pk}/", ""),
    }


def _secrets() -> tuple[str, str]:
    """The demo password and the practitioner's code now (read before the browser starts: Django
    refuses the database inside Playwright's event loop)."""
    from liaison.demo.signins import demo_code, demo_password

    return demo_password()[0], demo_code("practitioner") or ""


def _sign_in(page: object, base: str, password: str, code: str) -> None:
    page.goto(f"{base}/accounts/sign-in/")  # type: ignore[attr-defined]
    page.get_by_label("Username").fill("practitioner")  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(password)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.get_by_label("Security code").fill(code)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Continue").click()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign out").wait_for()  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    base = parser.parse_args().base_url.rstrip("/")
    _django()
    pages = _pages()
    password, code = _secrets()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        _sign_in(page, base, password, code)
        for name, (url, heading) in pages.items():
            page.goto(f"{base}{url}")
            page.wait_for_load_state("networkidle")
            if heading:
                top = page.get_by_role("heading", name=heading, exact=True, level=2)
                top.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 24)")
            path = OUT / name
            page.screenshot(path=str(path))
            size = path.stat().st_size
            print(f"{path.relative_to(HERE.parent)}: {size // 1000} KB")
            if size > LIMIT_BYTES:
                raise SystemExit(f"{name} is over {LIMIT_BYTES // 1000} KB: make the viewport smaller")
        browser.close()


if __name__ == "__main__":
    main()
