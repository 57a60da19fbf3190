"""Instrument pages: choose one for an episode, complete its form, see the result.

Thin, like the pathway's: parse, fetch through a scoped selector (404 outside the user's
schemes), call one action, render. A refused form changes nothing and shows the error summary.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.scope import scope_for
from liaison.core.errors import Conflict, Invalid, PermissionDenied, StageNotAllowed
from liaison.core.pages import page
from liaison.pathway.pages import episode_to_record
from liaison.pathway.selectors import episode_get
from liaison.pathway.stages import Stage, Step, allows
from liaison.screening.instruments.actions import instrument_record
from liaison.screening.instruments.answers import answer_rows
from liaison.screening.instruments.catalogue import CORE_SCREEN, instrument_get, instruments
from liaison.screening.instruments.forms import QuestionnaireForm
from liaison.screening.instruments.selectors import (
    core_screen_prefill,
    definition_of,
    episode_responses,
    response_findings,
    response_get,
    safety_prompt,
)
from liaison.screening.models import Decision


@page
@require_GET
def choose(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    ep = episode_get(user=request.user, episode_id=episode_id, what="instruments")
    can_start = scope_for(request.user).can_record_in(ep.scheme_id) and allows(ep.stage, Step.SCREEN)
    context = {
        "episode": ep,
        "instruments": instruments(),
        "responses": episode_responses(episode=ep),
        "can_start": can_start,
    }
    return render(request, "screening/instruments/choose.html", context)


@page
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedHttpRequest, episode_id: str, instrument: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "instrument form")
    chosen = instrument_get(instrument)
    if not chosen.can_start:
        context = {"episode": ep, "instrument": chosen}
        return render(request, "screening/instruments/licence_required.html", context, status=403)
    if request.method != "POST" and not allows(ep.stage, Step.SCREEN):
        messages.error(request, f"An episode at stage '{Stage(ep.stage).label}' does not allow screening")
        return redirect("pathway:episode", episode_id=ep.pk)
    carried = core_screen_prefill(user=user, episode=ep) if chosen.code == CORE_SCREEN else None
    form = QuestionnaireForm(
        request.POST if request.method == "POST" else None,
        definition=chosen.definition,
        age_band=ep.age_band,
        prefill=carried.answers if carried else None,
    )
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        try:
            response = instrument_record(
                by=user,
                episode=ep,
                instrument=chosen.code,
                answers=answers,
                occurred_at=form.occurred_at,
                # Marked as carried forward only where the practitioner kept the earlier answer.
                carried_forward=[k for k, v in (carried.answers.items() if carried else ()) if answers.get(k) == v],
            )
        except (Invalid, StageNotAllowed, Conflict, PermissionDenied) as e:
            form.refuse(e)
        else:
            messages.success(request, f"{chosen.title} recorded")
            return redirect("instruments:result", episode_id=ep.pk, response_id=response.pk)
    context = {"episode": ep, "instrument": chosen, "form": form, "nodes": form.layout(), "carried": carried}
    return render(request, "screening/instruments/start.html", context)


@page
@require_GET
def result(request: AuthenticatedHttpRequest, episode_id: str, response_id: str) -> HttpResponse:
    ep = episode_get(user=request.user, episode_id=episode_id, what="instrument result")
    response = response_get(episode=ep, response_id=response_id)
    findings = response_findings(response=response)
    context = {
        "episode": ep,
        "response": response,
        "instrument": instrument_get(response.instrument),
        "findings": findings,
        "pending": sum(1 for f in findings if f.decision == Decision.PENDING and not f.is_voided),
        "answers": answer_rows(definition_of(response), response.resource),
        "prompt": safety_prompt(responses=[response]),
        "can_record": scope_for(request.user).can_record_in(ep.scheme_id) and ep.is_open,
    }
    return render(request, "screening/instruments/result.html", context)
