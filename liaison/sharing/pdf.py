"""The report as a PDF: WeasyPrint renders the same template as the report page
(sharing/_report_document.html), so the two cannot differ.

The text is laid out by Pango with the machine's fonts, so names in any script print as given
(Arial first; the fallbacks in report_pdf.css carry other scripts). Nothing is fetched: the
stylesheet is read from the static files and no URL in the page is followed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

from liaison.sharing.models import InformationShare
from liaison.sharing.reports import Report, report_of, withdrawal_notice


@cache
def _stylesheet() -> str:
    found = finders.find("sharing/report_pdf.css")
    return Path(str(found)).read_text(encoding="utf-8")


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"the report PDF fetches nothing ({url})")


def report_pdf(report: Report, *, notice: str = "", author: str = "") -> bytes:
    # WeasyPrint pulls in Pango through cffi: imported here so that pages which never make a PDF
    # do not pay for it at start-up.
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # WeasyPrint ships no types

    html = render_to_string("sharing/report_pdf.html", {"report": report, "notice": notice, "author": author})
    document = HTML(string=html, url_fetcher=_no_fetching)
    return bytes(document.write_pdf(stylesheets=[CSS(string=_stylesheet())]))


def pdf_response(share: InformationShare) -> HttpResponse:
    """The share's report as a download; the caller has audited it as an export."""
    body = report_pdf(report_of(share.snapshot), notice=withdrawal_notice(share.consent), author=str(share.shared_by))
    response = HttpResponse(body, content_type="application/pdf")
    name = f"ld-report-{share.shared_at:%Y%m%d}-{str(share.pk)[:8]}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # A health report should not sit in shared caches.
    response["Cache-Control"] = "no-store"
    return response
