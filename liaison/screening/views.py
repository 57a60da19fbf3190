"""Screening's pages: the screening step, deciding suggested findings, recording a safety plan.

Thin views, as in pathway/views.py: the episode through its scoped selector (404 elsewhere,
403 for a role that cannot record), one action, and a rejected form comes back with its errors
and nothing written.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core.errors import Conflict, Invalid, StageNotAllowed
from liaison.core.pages import page
from liaison.pathway.models import PathwayEvent
from liaison.pathway.pages import episode_to_record, form_data, step_page
from liaison.pathway.stages import Step
from liaison.screening.actions import findings_decide, safety_plan_record, screening_record
from liaison.screening.forms import DecideForm, SafetyPlanForm, ScreenForm
from liaison.screening.selectors import (
    pending_suggestions,
    safety_events,
    safety_plans,
    safety_prompt_needed,
    standing_findings,
)


@page
@require_http_methods(["GET", "POST"])
def decide(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "finding decisions")
    findings = list(pending_suggestions(episode=ep))
    form = DecideForm(request.POST if request.method == "POST" else None, findings=findings)
    if request.method == "POST" and findings and form.is_valid():
        try:
            events = findings_decide(by=user, episode=ep, decisions=form.decisions())
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            messages.success(request, f"{len(events)} suggested finding{'s' if len(events) != 1 else ''} decided")
            return redirect("pathway:episode", episode_id=ep.pk)
    return render(request, "screening/decide.html", {"episode": ep, "form": form})


@page
@require_http_methods(["GET", "POST"])
def safety_plan(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "safety plan form")
    form = SafetyPlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            safety_plan_record(
                by=user, episode=ep, plan=d["plan"], informed=form.informed_people(), informed_at=d.get("informed_at")
            )
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            messages.success(request, "Safety plan recorded")
            return redirect("pathway:episode", episode_id=ep.pk)
    plans = safety_plans(safety_events(episode=ep))
    context = {"episode": ep, "form": form, "prompt": safety_prompt_needed(ep), "latest": plans[0] if plans else None}
    return render(request, "screening/safety_plan.html", context)


@page
@require_http_methods(["GET", "POST"])
def screen(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "screening form")
    form = ScreenForm(form_data(request), concerns=ep.concerns, known=standing_findings(episode=ep))

    def record(d: dict[str, Any]) -> PathwayEvent:
        return screening_record(
            by=user,
            episode=ep,
            findings=form.findings(),
            urgency=d["urgency"],
            needs_assessment=d["needs_assessment"] == "yes",
            note=d["note"],
            occurred_at=d.get("occurred_at"),
        )

    return step_page(
        request,
        ep,
        step=Step.SCREEN,
        form=form,
        template="screening/screen.html",
        record=record,
        done="Screening recorded",
    )
