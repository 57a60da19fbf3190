"""HTML to PDF with WeasyPrint, for documents rendered from the same template as their page
(the court report, the subject-access export), so a page and its PDF cannot differ.

Text is laid out by Pango with the machine's fonts, so names in any script print as given.
Nothing is fetched: stylesheets are read from the static files and no URL in a page is followed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders


@cache
def stylesheet(name: str) -> str:
    found = finders.find(name)
    return Path(str(found)).read_text(encoding="utf-8")


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"a PDF fetches nothing ({url})")


def html_to_pdf(html: str, *, stylesheets: list[str]) -> bytes:
    """`html` as a PDF, styled by the named static stylesheets."""
    # WeasyPrint pulls in Pango through cffi: imported here so that pages which never make a PDF
    # do not pay for it at start-up.
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # WeasyPrint ships no types

    document = HTML(string=html, url_fetcher=_no_fetching)
    return bytes(document.write_pdf(stylesheets=[CSS(string=stylesheet(name)) for name in stylesheets]))
