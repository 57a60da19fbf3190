"""The programme's pages: models of commissioning compared against the measures (commissioners
and the programme team), and the guidance library (every signed-in member of staff)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound
from liaison.core.pages import page
from liaison.governance import selectors
from liaison.governance.comparison import compare
from liaison.governance.forms import PeriodForm
from liaison.governance.provision import provision_models
from liaison.reporting.figures import all_rows
from liaison.standards.periods import latest_quarter_ended, parse


@page
@require_GET
def comparison(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not selectors.governance_scope(request.user).programme:
        raise NotFound("No such page.")
    default = latest_quarter_ended(clock.today())
    form = PeriodForm(request.GET or None, initial={"period": default.code})
    context: dict[str, object] = {"form": form, "models": provision_models().values()}
    period = default
    if form.is_bound and form.is_valid() and form.cleaned_data["period"]:
        try:
            period = parse(form.cleaned_data["period"])
        except Invalid as e:
            form.refuse(e)
            return render(request, "governance/comparison.html", context, status=422)
    context.update(period=period, lines=compare(period=period, computed=all_rows()))
    return render(request, "governance/comparison.html", context)


@page
@require_GET
def guidance(request: AuthenticatedHttpRequest) -> HttpResponse:
    documents = selectors.guidance_documents(current_only=True)
    return render(request, "governance/guidance.html", {"documents": documents})


@page
@require_GET
def guidance_document(request: AuthenticatedHttpRequest, guidance_code: str) -> HttpResponse:
    versions = selectors.guidance_versions(guidance_code)
    return render(request, "governance/guidance_document.html", {"document": versions[0], "versions": versions})
