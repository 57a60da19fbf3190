"""The service directory's pages: everyone in a scheme searches it; team leads and scheme
managers add, edit, deactivate and reactivate services, each change recorded with who and when."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.scope import scope_for
from liaison.core.errors import PermissionDenied
from liaison.core.pages import page
from liaison.referrals.directory import actions, forms, selectors
from liaison.referrals.models import Service
from liaison.referrals.views import form_page, posted


def _service_url(service: Service) -> str:
    return reverse("referrals:service", args=[service.pk])


@page
@require_GET
def services(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    schemes = list(selectors.directory_schemes(user))
    if not schemes:
        raise PermissionDenied("Your role has no service directory", code="role_not_allowed")
    search = forms.ServiceSearchForm(request.GET or None)
    terms = search.cleaned_data if search.is_bound and search.is_valid() else {}
    found = selectors.services_search(
        user=user,
        q=terms.get("q", ""),
        service_type=terms.get("service_type", ""),
        age=terms.get("age"),
        include_inactive=bool(terms.get("include_inactive")),
    )[:200]
    context = {
        "search": search,
        "services": list(found),
        "searched": search.is_bound,
        "can_edit": bool(scope_for(user).oversight_scheme_ids),
        "several_schemes": len(schemes) > 1,
    }
    return render(request, "referrals/services.html", context)


@page
@require_GET
def service(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    user = request.user
    s = selectors.service_get(user=user, service_id=service_id)
    can_edit = scope_for(user).oversees(s.scheme_id)
    changes = list(selectors.service_changes(service=s)) if can_edit else []
    return render(request, "referrals/service.html", {"service": s, "can_edit": can_edit, "changes": changes})


@page
@require_http_methods(["GET", "POST"])
def service_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    schemes = selectors.editable_schemes(user)
    if not schemes.exists():
        raise PermissionDenied("Only team leads and scheme managers maintain the directory", code="role_not_allowed")
    form = forms.ServiceForm(posted(request), schemes=schemes)

    def record(d: dict[str, Any]) -> Service:
        return actions.service_create(by=user, scheme=d["scheme"], details=form.details())

    return form_page(
        request,
        form=form,
        template="referrals/service_form.html",
        record=record,
        done="Service added to the directory",
        then=_service_url,
        context={"service": None},
    )


@page
@require_http_methods(["GET", "POST"])
def service_edit(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    user = request.user
    s = selectors.service_to_edit(user=user, service_id=service_id)
    form = forms.ServiceForm(posted(request), initial=forms.ServiceForm.initial_for(s))

    def record(d: dict[str, Any]) -> Service:
        return actions.service_update(by=user, service=s, details=form.details())

    return form_page(
        request,
        form=form,
        template="referrals/service_form.html",
        record=record,
        done="Service updated",
        then=_service_url,
        context={"service": s},
    )


@page
@require_POST
def service_active(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    """Deactivate or reactivate: a button on the service's page, so no JavaScript is needed."""
    user = request.user
    s = selectors.service_to_edit(user=user, service_id=service_id)
    active = request.POST.get("active") == "yes"
    actions.service_set_active(by=user, service=s, active=active)
    messages.success(
        request, "Service reactivated" if active else "Service deactivated: it is no longer offered for new referrals"
    )
    return redirect(_service_url(s))
