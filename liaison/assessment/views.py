"""Assessment pages: start a draft, edit it, complete it (after a confirmation page), read any
version, amend the current one. Thin views: scoped selectors, one action, errors back on the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.scope import scope_for
from liaison.assessment import actions, forms, selectors
from liaison.assessment.models import Assessment, CourtConsideration, TreatmentRequirement
from liaison.core.errors import Conflict, Invalid, PermissionDenied, StageNotAllowed
from liaison.core.pages import page
from liaison.core.vocabulary import FindingStatus, vulnerability_label
from liaison.pathway.models import Episode
from liaison.pathway.pages import episode_to_record
from liaison.pathway.selectors import episode_get
from liaison.pathway.stages import Stage, Step, allows
from liaison.screening.models import Decision
from liaison.screening.selectors import episode_findings


def _found(ep: Episode) -> list[str]:
    """Domains with a standing suspected or confirmed finding: their needs boxes come first."""
    seen: list[str] = []
    standing = (FindingStatus.SUSPECTED, FindingStatus.CONFIRMED)
    for f in episode_findings(episode=ep):
        if not f.is_voided and f.status in standing and f.decision != Decision.REJECTED and f.domain not in seen:
            seen.append(f.domain)
    return seen


def _data(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@page
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    """Where "Record assessment" leads: the draft in progress, the assessment done, or a new draft."""
    user = request.user
    ep = episode_to_record(request, episode_id, "assessment")
    latest = selectors.episode_assessments(episode=ep)[-1:]
    if latest:
        a = latest[0]
        target = "assessment:edit" if a.is_draft and a.author_id == user.pk else "assessment:view"
        return redirect(target, episode_id=ep.pk, assessment_id=a.pk)
    if not allows(ep.stage, Step.ASSESS):
        messages.error(request, f"An episode at stage '{Stage(ep.stage).label}' does not allow: record assessment")
        return redirect("pathway:episode", episode_id=ep.pk)
    form = forms.AssessmentForm(_data(request), found=_found(ep))
    if request.method == "POST" and form.is_valid():
        try:
            a = actions.assessment_start(by=user, episode=ep, content=form.content())
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            return _saved(request, ep, a)
    return render(request, "assessment/edit.html", {"episode": ep, "form": form, "assessment": None})


def _saved(request: AuthenticatedHttpRequest, ep: Episode, a: Assessment) -> HttpResponse:
    if "complete" in request.POST:
        return redirect("assessment:complete", episode_id=ep.pk, assessment_id=a.pk)
    messages.success(request, "Draft saved. Only you can edit it until it is completed.")
    return redirect("assessment:edit", episode_id=ep.pk, assessment_id=a.pk)


@page
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, episode_id: str, assessment_id: int) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "assessment draft")
    a = selectors.assessment_get(episode=ep, assessment_id=assessment_id)
    if not a.is_draft:
        messages.error(request, "This assessment is completed and locked. To change it, amend it.")
        return redirect("assessment:view", episode_id=ep.pk, assessment_id=a.pk)
    if a.author_id != user.pk:
        raise PermissionDenied("Only the author can edit a draft assessment", code="not_the_author")
    form = forms.AssessmentForm(_data(request), found=_found(ep), initial=forms.initial_from(a))
    if request.method == "POST" and form.is_valid():
        try:
            actions.assessment_draft_save(by=user, assessment=a, content=form.content())
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            return _saved(request, ep, a)
    return render(request, "assessment/edit.html", {"episode": ep, "form": form, "assessment": a})


@page
@require_http_methods(["GET", "POST"])
def complete(request: AuthenticatedHttpRequest, episode_id: str, assessment_id: int) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "assessment completion")
    a = selectors.assessment_get(episode=ep, assessment_id=assessment_id)
    if not a.is_draft:
        return redirect("assessment:view", episode_id=ep.pk, assessment_id=a.pk)
    if a.author_id != user.pk:
        raise PermissionDenied("Only the author can complete a draft assessment", code="not_the_author")
    form = forms.CompleteForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.assessment_complete(by=user, assessment=a, occurred_at=form.occurred_at)
        except Invalid as e:
            # Missing parts of the draft belong to the edit page; say which ones here.
            for text in e.errors.values():
                form.add_error(None, text)
            if not e.errors:
                form.add_error(None, e.message)
        except (StageNotAllowed, Conflict, PermissionDenied) as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "Assessment completed and locked")
            return redirect("pathway:episode", episode_id=ep.pk)
    return render(request, "assessment/complete.html", {"episode": ep, "form": form, **_reading(a)})


def _reading(a: Assessment) -> dict[str, Any]:
    """An assessment laid out for reading: labels instead of codes."""
    return {
        "assessment": a,
        "needs": [(vulnerability_label(d), t) for d, t in (a.needs or {}).items()],
        "court": [CourtConsideration(c).label for c in a.court if c in CourtConsideration.values],
        "requirements": [
            TreatmentRequirement(t).label for t in a.treatment_requirements if t in TreatmentRequirement.values
        ],
    }


@page
@require_GET
def view(request: AuthenticatedHttpRequest, episode_id: str, assessment_id: int) -> HttpResponse:
    user = request.user
    ep = episode_get(user=user, episode_id=episode_id, what="assessment")
    a = selectors.assessment_get(episode=ep, assessment_id=assessment_id)
    superseded_by = selectors.superseding(assessment=a)
    can_record = scope_for(user).can_record_in(ep.scheme_id)
    context = {
        "episode": ep,
        "superseded_by": superseded_by,
        "voided": selectors.completion_void(assessment=a),
        "can_amend": can_record and not a.is_draft and superseded_by is None and allows(ep.stage, Step.ASSESS),
        "can_edit": a.is_draft and a.author_id == user.pk and can_record,
        **_reading(a),
    }
    return render(request, "assessment/view.html", context)


@page
@require_http_methods(["GET", "POST"])
def amend(request: AuthenticatedHttpRequest, episode_id: str, assessment_id: int) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "assessment amendment")
    a = selectors.assessment_get(episode=ep, assessment_id=assessment_id)
    newer = selectors.superseding(assessment=a)
    if a.is_draft or newer is not None:
        messages.error(request, "Only the latest completed version of an assessment can be amended")
        return redirect("assessment:view", episode_id=ep.pk, assessment_id=(newer or a).pk)
    form = forms.AmendForm(_data(request), found=_found(ep), initial=forms.initial_from(a))
    if request.method == "POST" and form.is_valid():
        try:
            new = actions.assessment_amend(
                by=user,
                assessment=a,
                reason=form.cleaned_data["reason"],
                content=form.content(),
                occurred_at=form.occurred_at,
            )
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            messages.success(request, f"Assessment amended: version {new.version} replaces version {a.version}")
            return redirect("assessment:view", episode_id=ep.pk, assessment_id=new.pk)
    return render(request, "assessment/amend.html", {"episode": ep, "form": form, "assessment": a})
