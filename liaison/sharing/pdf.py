"""The report as a PDF, made with fpdf2 from the same sections as the HTML page.

No Unicode TrueType font ships in the project's dependencies, so the PDF uses the core Helvetica
font (Latin-1) and text is transliterated first: typographic quotes and dashes become plain ones,
accented letters outside Latin-1 lose their accents, and anything else becomes "?", so a name in
another script can never break the PDF or vanish silently.
"""

from __future__ import annotations

import unicodedata

from django.http import HttpResponse
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from liaison.sharing.models import InformationShare
from liaison.sharing.reports import Report, report_of, withdrawal_notice

_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
        "\t": " ",
        "\r": "",
        # Letters with no decomposition to a base letter.
        "\u0141": "L",
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
        "\u0126": "H",
        "\u0127": "h",
        "\u0131": "i",
        "\u0152": "OE",
        "\u0153": "oe",
        "\u0166": "T",
        "\u0167": "t",
        "\u014a": "N",
        "\u014b": "n",
        "\u018f": "E",
        "\u0259": "e",
        "\u1e9e": "SS",
    }
)


def latin1(text: str) -> str:
    """Text the core fonts can show: Latin-1, no control characters but the newline."""
    out = []
    for ch in str(text).translate(_PLAIN):
        if ch == "\n":
            out.append(ch)
            continue
        if unicodedata.category(ch) in ("Cc", "Cs", "Cf"):
            continue
        try:
            ch.encode("latin-1")
        except UnicodeEncodeError:
            ascii_ = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append(ascii_ or "?")
        else:
            out.append(ch)
    return "".join(out)


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.set_text_color(80, 80, 80)
        self.cell(0, 5, latin1(f"{self.footer_text}  Page {self.page_no()} of {{nb}}"), align="C")


def report_pdf(report: Report, *, notice: str = "", author: str = "") -> bytes:
    pdf = _Document(format="A4")
    pdf.footer_text = "Confidential health information from the NHS liaison and diversion service."
    pdf.set_title(latin1(report.title))
    pdf.set_author(latin1(author))
    pdf.set_creator("Liaison")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()

    def para(text: str, *, size: float = 11, style: str = "", gap: float = 2) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, size * 0.5, latin1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    para(report.title, size=18, style="B", gap=1)
    para(report.template, size=9)
    para(report.intro)
    if notice:
        pdf.set_text_color(180, 0, 0)
        para(notice, style="B", gap=3)
        pdf.set_text_color(0, 0, 0)
    for section in report.sections:
        para(section.heading, size=14, style="B", gap=1)
        if section.rows:
            pdf.set_font("Helvetica", size=11)
            with pdf.table(
                col_widths=(35, 65),
                first_row_as_headings=False,
                borders_layout="HORIZONTAL_LINES",
                line_height=5.5,
                padding=1.2,
            ) as table:
                for label, value in section.rows:
                    row = table.row()
                    row.cell(latin1(label), style=FontFace(emphasis="BOLD"))
                    row.cell(latin1(value))
            pdf.ln(3)
        if section.text:
            para(section.text)
        for item in section.items:
            pdf.set_x(pdf.l_margin + 3)
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(0, 5.5, latin1(f"- {item}"), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if not (section.rows or section.text or section.items) and section.empty:
            para(section.empty)
        pdf.ln(3)
    return bytes(pdf.output())


def pdf_response(share: InformationShare) -> HttpResponse:
    """The share's report as a download; the caller has audited it as an export."""
    body = report_pdf(report_of(share.snapshot), notice=withdrawal_notice(share.consent), author=str(share.shared_by))
    response = HttpResponse(body, content_type="application/pdf")
    name = f"ld-report-{share.shared_at:%Y%m%d}-{str(share.pk)[:8]}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # A health report should not sit in shared caches.
    response["Cache-Control"] = "no-store"
    return response
