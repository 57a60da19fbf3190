"""Monthly-return pages: every scheme's return status, one return, and its downloads.

Views parse, fetch through `selectors.return_for` / `returns_overview` (which check the user's
reporting scope and answer NotFound alike for unknown and unseen schemes), call at most one
action and render. Figures reach the templates already shown (published, or unrounded and
labelled for the scheme's own staff): nothing here rounds or suppresses.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.audit.actions import export_record
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, NotFound, PermissionDenied, StageNotAllowed
from liaison.core.pages import page
from liaison.reporting import actions, dictionary, exports, extract
from liaison.reporting.forms import SubmitReturnForm
from liaison.reporting.returns import month_label, month_of, parse_month, previous_month
from liaison.reporting.selectors import reporting_scope, return_for, returns_overview
from liaison.reporting.store import analytics_dir

MONTHS_SHOWN = 12


def _version(request: AuthenticatedHttpRequest) -> int | None:
    raw = request.GET.get("version", "")
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 32767:
        raise NotFound("No such version of this return.")
    return int(raw)


@page
@require_GET
def returns_status(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not reporting_scope(request.user).sees_anything:
        raise PermissionDenied("Monthly returns are for scheme leads, managers, commissioners and analysts.")
    month = month_of(clock.now())
    months = [month]
    for _ in range(MONTHS_SHOWN - 1):
        months.append(previous_month(months[-1]))
    lines = returns_overview(user=request.user, months=months)
    return render(
        request,
        "reporting/returns.html",
        {"lines": lines, "months": [(m, month_label(m)) for m in months], "due_day": settings.RETURN_DUE_DAY},
    )


@page
@require_http_methods(["GET", "POST"])
def return_page(request: AuthenticatedHttpRequest, scheme_code: str, month: str) -> HttpResponse:
    asked_draft = request.GET.get("draft") == "1"
    view = return_for(
        user=request.user, scheme_code=scheme_code, month=month, version=_version(request), draft=asked_draft
    )
    latest_version = view.latest.version if view.latest else 0
    form = SubmitReturnForm(
        request.POST if request.method == "POST" else None, initial={"expected_version": latest_version}
    )
    if request.method == "POST":
        if not view.can_submit:
            raise PermissionDenied("You cannot submit this return.")
        if form.is_valid():
            try:
                submitted = actions.return_submit(
                    scheme=view.scheme,
                    month=view.month,
                    by=request.user,
                    expected_version=form.cleaned_data["expected_version"],
                    reason=form.cleaned_data["reason"],
                )
            except (Invalid, StageNotAllowed, Conflict) as e:
                form.refuse(e)
            else:
                messages.success(
                    request, f"{month_label(submitted.month)} return submitted (version {submitted.version})"
                )
                return redirect(reverse("reporting:return", args=[view.scheme.code, view.month]))
    return render(
        request,
        "reporting/return.html",
        {"view": view, "form": form, "month_label": month_label(view.month), "asked_draft": asked_draft},
    )


@page
@require_GET
def return_download(request: AuthenticatedHttpRequest, scheme_code: str, month: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise NotFound("Returns download as .csv or .xlsx.")
    view = return_for(
        user=request.user,
        scheme_code=scheme_code,
        month=month,
        version=_version(request),
        draft=request.GET.get("draft") == "1",
    )
    version = f"v{view.shown_version.version}" if view.shown_version else "draft"
    name = f"liaison-return-{view.scheme.code}-{view.month}-{version}{'-not-for-publication' if view.raw else ''}"
    if fmt == "csv":
        response = HttpResponse(exports.as_csv(view), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.as_xlsx(view), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# ---- the national analyst's extract and the data dictionary


def _analyst(request: AuthenticatedHttpRequest) -> None:
    if not reporting_scope(request.user).analyst:
        raise PermissionDenied("The record-level extract is for national analysts.")


def _months(request: AuthenticatedHttpRequest) -> tuple[str, str, dict[str, str]]:
    """The extract's months from `from` and `to` (default: everything), with any errors."""
    errors: dict[str, str] = {}
    chosen = []
    for name, default in (("from", "2000-01"), ("to", "9999-12")):
        raw = request.GET.get(name, "").strip()
        try:
            chosen.append(parse_month(raw) if raw else default)
        except ValueError as e:
            errors[name] = str(e)
            chosen.append(default)
    first, last = chosen
    if not errors and first > last:
        errors["to"] = "The last month must be the same as or after the first."
    return first, last, errors


@page
@require_GET
def extract_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    _analyst(request)
    _, _, errors = _months(request)
    query = request.GET.urlencode() if not errors else ""
    return render(
        request,
        "reporting/extract.html",
        {
            "errors": errors,
            "query": query,
            "tables": extract.TABLES,
            "formats": extract.FORMATS,
            "month_fields": [("from", "First month"), ("to", "Last month")],
            "values": {"from": request.GET.get("from", ""), "to": request.GET.get("to", "")},
        },
    )


@page
@require_GET
def extract_download(request: AuthenticatedHttpRequest, table: str, fmt: str) -> FileResponse:
    _analyst(request)
    if table not in extract.TABLES or fmt not in extract.FORMATS:
        raise NotFound("The extract is events or episodes, as .parquet or .csv.")
    first, last, errors = _months(request)
    if errors:
        raise NotFound(" ".join(errors.values()))
    f, rows = extract.extract_file(
        analytics_dir(),
        table=cast(extract.Table, table),
        fmt=cast(extract.Format, fmt),
        first_month=first,
        last_month=last,
    )
    export_record(user=request.user, what=f"analyst extract: {table}.{fmt}, months {first} to {last}, {rows} rows")
    kind = "application/vnd.apache.parquet" if fmt == "parquet" else "text/csv; charset=utf-8"
    response = FileResponse(f, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="liaison-{table}-{first}-{last}.{fmt}"'
    return response


@page
@require_GET
def data_dictionary(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not reporting_scope(request.user).sees_anything:
        raise PermissionDenied("The data dictionary is for reporting roles.")
    return render(request, "reporting/data_dictionary.html", dictionary.document())
