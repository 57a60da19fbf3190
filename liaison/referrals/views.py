"""Pages for referrals and support: refer from the directory, the referral and its next steps,
support assignment, support contacts and a worker's caseload.

Every view parses the request, fetches through a scoped selector (NotFound outside the user's
schemes becomes the 404 page), calls at most one action and renders.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, NotFound, PermissionDenied, StageNotAllowed
from liaison.core.forms import NhsForm
from liaison.core.pages import page
from liaison.pathway.pages import episode_to_record
from liaison.pathway.stages import Stage, Step, allows
from liaison.pathway.timeline import describe
from liaison.people.codes import Sex
from liaison.referrals import actions, forms, lifecycle, selectors
from liaison.referrals.directory import forms as directory_forms
from liaison.referrals.directory import selectors as directory_selectors
from liaison.referrals.lifecycle import Transition
from liaison.referrals.models import Referral

# ---- shared


def posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def form_page(
    request: AuthenticatedHttpRequest,
    *,
    form: NhsForm,
    template: str,
    record: Callable[[dict[str, Any]], Any],
    done: str,
    then: Callable[[Any], str],
    context: dict[str, Any],
) -> HttpResponse:
    """GET shows the form; POST calls `record` (one action) once the input parses. A refusal
    changes nothing and comes back as the error summary on the same form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = record(form.cleaned_data)
        except (Invalid, StageNotAllowed, Conflict) as e:
            form.refuse(e)
        else:
            messages.success(request, done)
            return redirect(then(result))
    return render(request, template, {"form": form, **context})


def _referral_to_support(request: AuthenticatedHttpRequest, referral_id: int, what: str) -> Referral:
    referral = selectors.referral_get(user=request.user, referral_id=referral_id, what=what)
    if not scope_for(request.user).can_support_in(referral.episode.scheme_id):
        raise PermissionDenied("Your role cannot record support in this scheme", code="scheme_not_allowed")
    return referral


def _referral_url(referral: Referral) -> str:
    return reverse("referrals:referral", args=[referral.pk])


# ---- referring (the pathway's refer step)


@page
@require_http_methods(["GET", "POST"])
def refer(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    """Refer the person to a service from the scheme's directory, filtered to their age."""
    user = request.user
    ep = episode_to_record(request, episode_id, "referral form")
    if request.method != "POST" and not allows(ep.stage, Step.REFER):
        messages.error(
            request, f"An episode at stage '{Stage(ep.stage).label}' does not allow: {Step.REFER.label.lower()}"
        )
        return redirect("pathway:episode", episode_id=ep.pk)
    search = directory_forms.ServiceSearchForm(request.GET or None)
    search.fields.pop("age")
    search.fields.pop("include_inactive")
    terms = search.cleaned_data if search.is_bound and search.is_valid() else {}
    # "Show all" lifts the person's own filters (age and sex), for the service that makes exceptions.
    show_all = request.GET.get("all") == "1"
    age = directory_selectors.age_of(ep)
    sex = ep.person.sex or None
    services = directory_selectors.services_for_episode(
        episode=ep,
        q=terms.get("q", ""),
        service_type=terms.get("service_type", ""),
        age=None if show_all else age,
        sex=None if show_all else sex,
    )
    form = forms.ReferForm(posted(request), services=services)

    def record(d: dict[str, Any]) -> Referral:
        return actions.referral_make(
            by=user,
            episode=ep,
            service=d["service"],
            reason=d["reason"],
            urgency=d["urgency"],
            occurred_at=d.get("occurred_at"),
        )

    context = {
        "episode": ep,
        "search": search,
        "age": age,
        "show_all": show_all,
        "sex_filtered": sex in (Sex.MALE, Sex.FEMALE),
        "has_services": services.exists(),
        "step": Step.REFER,
    }
    return form_page(
        request,
        form=form,
        template="referrals/refer.html",
        record=record,
        done="Referral made",
        then=_referral_url,
        context=context,
    )


# ---- a referral and its next steps


@page
@require_GET
def referral(request: AuthenticatedHttpRequest, referral_id: int) -> HttpResponse:
    user = request.user
    r = selectors.referral_get(user=user, referral_id=referral_id)
    ep = r.episode
    history = selectors.referral_history(referral=r)
    voided = bool(history) and history[0].kind == "episode:refer" and bool(list(history[0].voided_by.all()))
    can_support = scope_for(user).can_support_in(ep.scheme_id) and allows(ep.stage, Step.SUPPORT) and not voided
    today = timezone.localdate(clock.now())
    context = {
        "referral": r,
        "episode": ep,
        "history": [(e, describe(e), bool(list(e.voided_by.all()))) for e in history],
        "transitions": lifecycle.transitions_from(r.status) if can_support else [],
        "can_support": can_support and r.status != "closed",
        "can_contact": can_support,
        "voided": voided,
        "overdue": r.follow_up_overdue(today),
    }
    return render(request, "referrals/referral.html", context)


@page
@require_http_methods(["GET", "POST"])
def update(request: AuthenticatedHttpRequest, referral_id: int) -> HttpResponse:
    """One transition, named by `?transition=` (and the form's hidden field when posted)."""
    user = request.user
    r = _referral_to_support(request, referral_id, "referral update form")
    name = (request.POST.get("transition") if request.method == "POST" else None) or request.GET.get("transition", "")
    if name not in Transition.values:
        raise NotFound("No such referral update")
    transition = Transition(name)
    if request.method != "POST" and not lifecycle.allows(r.status, transition):
        messages.error(request, f"A referral that is '{r.get_status_display().lower()}' does not allow that")
        return redirect(_referral_url(r))
    form = forms.TransitionForm(posted(request), transition=transition)

    def record(d: dict[str, Any]) -> Referral:
        actions.referral_transition(
            by=user, referral=r, transition=transition, details=form.details(), occurred_at=d.get("occurred_at")
        )
        return r

    return form_page(
        request,
        form=form,
        template="referrals/update.html",
        record=record,
        done="Referral updated",
        then=_referral_url,
        context={"referral": r, "episode": r.episode, "transition": transition},
    )


@page
@require_http_methods(["GET", "POST"])
def support(request: AuthenticatedHttpRequest, referral_id: int) -> HttpResponse:
    user = request.user
    r = _referral_to_support(request, referral_id, "support assignment form")
    workers = selectors.support_workers_for(scheme_id=r.episode.scheme_id)
    form = forms.SupportAssignForm(posted(request), workers=workers, initial={"worker": r.support_worker_id})

    def record(d: dict[str, Any]) -> Referral:
        actions.support_assign(
            by=user,
            referral=r,
            worker=d["worker"],
            follow_up_on=d.get("follow_up_on"),
            note=d["note"],
            occurred_at=d.get("occurred_at"),
        )
        return r

    return form_page(
        request,
        form=form,
        template="referrals/support.html",
        record=record,
        done="Support worker assigned",
        then=_referral_url,
        context={"referral": r, "episode": r.episode},
    )


@page
@require_http_methods(["GET", "POST"])
def contact(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    """Log a support contact, about one of the episode's referrals (`?referral=`) or in general."""
    user = request.user
    ep = episode_to_record(request, episode_id, "support contact form", support=True)
    referrals = Referral.objects.filter(episode=ep).select_related("service").order_by("made_at", "id")
    initial = {"referral": request.GET.get("referral")} if request.GET.get("referral", "").isdigit() else {}
    form = forms.ContactForm(posted(request), referrals=referrals, initial=initial)

    def record(d: dict[str, Any]) -> Any:
        return actions.support_contact_log(
            by=user, episode=ep, details=form.details(), referral=d.get("referral"), occurred_at=d.get("occurred_at")
        )

    def then(c: Any) -> str:
        return _referral_url(c.referral) if c.referral else reverse("pathway:episode", args=[ep.pk])

    return form_page(
        request,
        form=form,
        template="referrals/contact.html",
        record=record,
        done="Support contact recorded",
        then=then,
        context={"episode": ep},
    )


@page
@require_GET
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A worker's caseload: their own, or for team leads any worker in a scheme they oversee."""
    user = request.user
    if not scope_for(user).is_clinical:
        raise PermissionDenied("Your role has no caseload", code="role_not_allowed")
    worker = selectors.caseload_worker(user=user, worker_id=request.GET.get("worker"))
    load = selectors.caseload(user=user, worker=worker)
    return render(request, "referrals/caseload.html", {"load": load, "own": worker.pk == user.pk})
