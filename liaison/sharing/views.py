"""Consent and sharing pages: record and withdraw consent, share, the report (page and PDF), and
the easy-read explanation for the person.

Each view fetches through a scoped selector (NotFound outside the user's schemes), calls at most
one action and renders. A refused action changes nothing and comes back on the same form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.scope import scope_for
from liaison.audit.models import AccessAction
from liaison.core.errors import Conflict, Invalid, PermissionDenied, StageNotAllowed
from liaison.core.pages import page
from liaison.pathway.models import Episode
from liaison.pathway.pages import episode_to_record
from liaison.pathway.stages import Stage, Step, allows
from liaison.sharing import actions, forms, selectors
from liaison.sharing.pdf import pdf_response
from liaison.sharing.reports import report_of, withdrawal_notice


def _data(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _require_recording(user: Any, scheme_id: int) -> None:
    if not scope_for(user).can_record_in(scheme_id):
        raise PermissionDenied("Your role cannot record in this scheme", code="scheme_not_allowed")


def _not_now(request: AuthenticatedHttpRequest, ep: Episode, step: Step) -> HttpResponse | None:
    """A form the stage does not allow is not shown: back to the episode with the reason."""
    if request.method != "POST" and not allows(ep.stage, step):
        messages.error(request, f"An episode at stage '{Stage(ep.stage).label}' does not allow: {step.label.lower()}")
        return redirect("pathway:episode", episode_id=ep.pk)
    return None


@page
@require_http_methods(["GET", "POST"])
def consent_new(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "consent form")
    if refused := _not_now(request, ep, Step.CONSENT):
        return refused
    form = forms.ConsentForm(
        _data(request),
        needs_guardian=selectors.needs_guardian(ep),
        needs_appropriate_adult=selectors.needs_appropriate_adult(ep),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.consent_record(by=user, episode=ep, details=form.details(), occurred_at=d.get("occurred_at"))
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            messages.success(request, "Consent recorded")
            return redirect("pathway:episode", episode_id=ep.pk)
    age = selectors.age_at_episode(ep)
    return render(request, "sharing/consent_form.html", {"episode": ep, "form": form, "age": age})


@page
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: AuthenticatedHttpRequest, consent_id: str) -> HttpResponse:
    user = request.user
    consent = selectors.consent_get(user=user, consent_id=consent_id, what="consent withdrawal form")
    ep = consent.episode
    _require_recording(user, ep.scheme_id)
    if refused := _not_now(request, ep, Step.CONSENT):
        return refused
    form = forms.WithdrawForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.consent_withdraw(
                by=user,
                consent=consent,
                note=form.cleaned_data["note"],
                occurred_at=form.cleaned_data.get("occurred_at"),
            )
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            messages.success(request, "Consent withdrawn. Later shares that relied on it will be refused.")
            return redirect("pathway:episode", episode_id=ep.pk)
    return render(request, "sharing/withdraw_form.html", {"episode": ep, "consent": consent, "form": form})


@page
@require_http_methods(["GET", "POST"])
def share_new(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "share form")
    if refused := _not_now(request, ep, Step.SHARE):
        return refused
    findings = selectors.shareable_findings(episode=ep)
    referrals = selectors.shareable_referrals(episode=ep)
    seniors = selectors.scheme_seniors(scheme_id=ep.scheme_id)
    form = forms.ShareForm(_data(request), findings=findings, referrals=referrals, seniors=seniors)
    consent_required = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            share = actions.share_create(by=user, episode=ep, details=form.details(), occurred_at=d.get("occurred_at"))
        except actions.ConsentRequired as e:
            consent_required = e.message
            form.add_error(None, e.message)
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            messages.success(request, "Information shared. The report below contains only what you selected.")
            return redirect("sharing:share", share_id=share.pk)
    context = {
        "episode": ep,
        "form": form,
        "consents": [c for c in selectors.episode_consents(episode=ep) if c.scope == "share"],
        "consent_required": consent_required,
        "has_content": bool(findings or referrals),
        "is_child": selectors.is_child(ep),
    }
    return render(request, "sharing/share_form.html", context)


@page
@require_GET
def share_report(request: AuthenticatedHttpRequest, share_id: str) -> HttpResponse:
    share = selectors.share_get(user=request.user, share_id=share_id, what="share report")
    context = {
        "share": share,
        "episode": share.episode,
        "report": report_of(share.snapshot),
        "notice": withdrawal_notice(share.consent),
    }
    return render(request, "sharing/report.html", context)


@page
@require_GET
def share_pdf(request: AuthenticatedHttpRequest, share_id: str) -> HttpResponse:
    """Downloading the report is an export of the person's data, audited as one."""
    share = selectors.share_get(
        user=request.user,
        share_id=share_id,
        what="share report PDF",
        action=AccessAction.EXPORT,
    )
    return pdf_response(share)


@login_not_required
@require_GET
def easy_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open to all: the person may be shown it on a screen or given it printed."""
    return render(request, "sharing/easy_read.html")
