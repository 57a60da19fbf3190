"""The report as a PDF: WeasyPrint renders the same template as the report page
(sharing/_report_document.html), so the two cannot differ.

Arial first; the fallbacks in report_pdf.css carry other scripts (liaison/core/pdf.py).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string

from liaison.core.pdf import html_to_pdf
from liaison.sharing.models import InformationShare
from liaison.sharing.reports import Report, report_of, withdrawal_notice


def report_pdf(report: Report, *, notice: str = "", author: str = "") -> bytes:
    html = render_to_string("sharing/report_pdf.html", {"report": report, "notice": notice, "author": author})
    return html_to_pdf(html, stylesheets=["sharing/report_pdf.css"])


def pdf_response(share: InformationShare) -> HttpResponse:
    """The share's report as a download; the caller has audited it as an export."""
    body = report_pdf(report_of(share.snapshot), notice=withdrawal_notice(share.consent), author=str(share.shared_by))
    response = HttpResponse(body, content_type="application/pdf")
    name = f"ld-report-{share.shared_at:%Y%m%d}-{str(share.pk)[:8]}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # A health report should not sit in shared caches.
    response["Cache-Control"] = "no-store"
    return response
