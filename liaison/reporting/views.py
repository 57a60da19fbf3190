"""Monthly-return pages: every scheme's return status, one return, and its downloads.

Views parse, fetch through `selectors.return_for` / `returns_overview` (which check the user's
reporting scope and answer NotFound alike for unknown and unseen schemes), call at most one
action and render. Figures reach the templates already shown (published, or unrounded and
labelled for the scheme's own staff): nothing here rounds or suppresses.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, NotFound, PermissionDenied, StageNotAllowed
from liaison.core.pages import page
from liaison.reporting import actions, exports
from liaison.reporting.forms import SubmitReturnForm
from liaison.reporting.returns import month_label, month_of, previous_month
from liaison.reporting.selectors import reporting_scope, return_for, returns_overview

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
