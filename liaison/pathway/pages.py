"""The pieces every step page shares: the episode the user may record in, and the form page that
shows a step's form, calls its one action and turns refusals into the form's errors.

Screening, assessment, referrals and sharing build their step pages from these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core.errors import Conflict, Invalid, StageNotAllowed
from liaison.core.forms import NhsForm
from liaison.pathway import selectors
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage, Step, allows


def episode_to_record(
    request: AuthenticatedHttpRequest, episode_id: str, what: str, *, support: bool = False
) -> Episode:
    """The episode, if the user may see it (else 404) and record in its scheme (else 403)."""
    return selectors.episode_to_record(user=request.user, episode_id=episode_id, what=what, support=support)


def step_page(
    request: AuthenticatedHttpRequest,
    ep: Episode,
    *,
    step: Step,
    form: NhsForm,
    template: str,
    record: Callable[[dict[str, Any]], PathwayEvent],
    done: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET shows the form; POST calls `record` (one action) once the input parses.

    A refused step changes nothing and comes back as the error summary on the same form.
    """
    if request.method != "POST" and not allows(ep.stage, step):
        messages.error(request, f"An episode at stage '{Stage(ep.stage).label}' does not allow: {step.label.lower()}")
        return redirect("pathway:episode", episode_id=ep.pk)
    if request.method == "POST" and form.is_valid():
        try:
            record(form.cleaned_data)
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            messages.success(request, done)
            return redirect("pathway:episode", episode_id=ep.pk)
    return render(request, template, {"episode": ep, "form": form, "step": step, **(context or {})})


def form_data(request: AuthenticatedHttpRequest) -> Any:
    """The POST data to bind a form to, or None to show it unbound."""
    return request.POST if request.method == "POST" else None
