"""Pathway pages: today's worklist, a scheme's open episodes, the episode and its step forms.

Every view parses the request, fetches through a scoped selector (which raises NotFound for
anything outside the user's schemes), calls at most one action and renders. `@page` turns
NotFound and PermissionDenied into the 404 and 403 pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.events import EVENTS
from liaison.core.pages import page
from liaison.core.paging import href, page_asked, pagination
from liaison.core.vocabulary import Urgency
from liaison.organisations.models import Role
from liaison.organisations.selectors import sites_to_record_at
from liaison.pathway import actions, forms, registry, selectors
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.pages import episode_to_record, form_data, step_page
from liaison.pathway.stages import Step, allows, next_stage
from liaison.pathway.timeline import concern_labels, describe, timeline, timeliness_rows

# Roles that see aggregates only, whose home page is the reporting dashboard.
AGGREGATE_ROLES = frozenset({Role.COMMISSIONER, Role.NATIONAL_ANALYST})

# Where each next step is recorded.
STEP_URLS = {
    Step.SCREEN: "pathway:screen",
    Step.ASSESS: "pathway:assess",
    Step.REFER: "pathway:refer",
    Step.CLOSE: "pathway:close",
    Step.REENTER: "pathway:reenter",
    Step.REOPEN: "pathway:reopen",
    Step.NOTE: "pathway:note",
}


# Built once: `Urgency.values` builds its list afresh on every call, fifty times a worklist.
_URGENCY_LABELS: dict[str, str] = {str(u.value): str(u.label) for u in Urgency}


@dataclass(frozen=True)
class Line:
    """A row of an open-episodes list, with what its tags say (from the episode row alone)."""

    row: selectors.WorklistRow

    @property
    def urgency(self) -> str:
        return self.row.episode.urgency

    @property
    def urgency_label(self) -> str:
        return _URGENCY_LABELS.get(self.urgency, "")

    @property
    def concerns(self) -> list[str]:
        return concern_labels(self.row.episode)


def _listing(form: forms.OpenEpisodesFilterForm, listed: selectors.OpenEpisodes) -> dict[str, Any]:
    """What both open-episodes pages show: the filters, the count, the rows and the pages."""
    params = form.params()
    return {
        "form": form,
        "listed": listed,
        "lines": [Line(r) for r in listed.rows],
        "pagination": pagination(listed.paging, params, anchor="episodes"),
        # Clearing the filters keeps the sort.
        "clear_filters": href({k: v for k, v in params.items() if k == "sort"}, 1),
    }


@page
@require_GET
def worklist(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_for(user)
    if not scope.is_clinical and scope.roles & AGGREGATE_ROLES:
        # Commissioners and analysts have no worklist: their home is the dashboard (by URL
        # name: reporting sits above pathway, which must not import it).
        return redirect("reporting:dashboard")
    sites = selectors.sites_of_worklist(user=user)
    form = forms.OpenEpisodesFilterForm(request.GET, sites=sites, all_sites="All my sites")
    listed = selectors.worklist(user=user, filters=form.filters(), page=page_asked(request.GET.get("page")))
    context = {
        **_listing(form, listed),
        "has_sites": bool(sites),
        "administers": user.is_staff and not scope.is_clinical,
    }
    for panel in registry.panels():
        context.update(panel.context(user))
    context["panels"] = [p.template for p in registry.panels()]
    return render(request, "pathway/worklist.html", context)


@page
@require_GET
def scheme_open(request: AuthenticatedHttpRequest, scheme_id: int) -> HttpResponse:
    user = request.user
    scheme = selectors.scheme_for_oversight(user=user, scheme_id=scheme_id)
    form = forms.OpenEpisodesFilterForm(
        request.GET, sites=selectors.sites_of_scheme(scheme=scheme), all_sites="All the scheme's sites"
    )
    listed = selectors.scheme_open_episodes(
        user=user, scheme_id=scheme.pk, filters=form.filters(), page=page_asked(request.GET.get("page"))
    )
    context = {
        **_listing(form, listed),
        "scheme": scheme,
        "break_glass": list(selectors.break_glass_on_scheme(user=user, scheme_id=scheme.pk)),
    }
    return render(request, "pathway/scheme_open.html", context)


def _main_step(stage: str, steps: list[Step]) -> Step | None:
    """The step that moves the episode on, shown as the primary button; the rest are secondary."""
    for s in steps:
        if next_stage(stage, s) != stage:
            return s
    return Step.REOPEN if Step.REOPEN in steps else None


@page
@require_GET
def episode(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = selectors.episode_get(user=user, episode_id=episode_id)
    can_record = scope_for(user).can_record_in(ep.scheme_id) and allows(ep.stage, Step.VOID)
    steps = selectors.next_steps(user=user, episode=ep)
    shown = selectors.episode_timeline(episode=ep, before=request.GET.get("before"), after=request.GET.get("after"))
    context = {
        "episode": ep,
        "concerns": concern_labels(ep),
        "timeliness": timeliness_rows(ep, selectors.timeliness(episode=ep), clock.now()),
        "sections": [_section(request, section, ep) for section in registry.sections()],
        "entries": timeline(shown.events, can_record=can_record),
        "timeline": shown,
        "steps": [(s, STEP_URLS[s]) for s in steps if s in STEP_URLS],
        "main_step": _main_step(ep.stage, steps),
    }
    return render(request, "pathway/episode.html", context)


def _section(request: AuthenticatedHttpRequest, section: registry.Section, ep: Episode) -> str:
    """A section rendered with its own context (so that sections' names cannot clash), from what
    its `context` fetched here in the view."""
    own = section.context(request.user, ep) if section.context is not None else {}
    return render_to_string(section.template, {"episode": ep, **own}, request=request)


@page
@require_http_methods(["GET", "POST"])
def assess(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    """The structured assessment (liaison.assessment) replaced the one-box form; this address
    stays, for the episode page's next step and for bookmarks, and leads there."""
    ep = episode_to_record(request, episode_id, "assessment form")
    return redirect("assessment:start", episode_id=ep.pk)


@page
@require_http_methods(["GET", "POST"])
def close(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "closure form")

    def record(d: dict[str, Any]) -> PathwayEvent:
        return actions.episode_close(
            by=user,
            episode=ep,
            justice_outcome=d["justice_outcome"],
            sentence_type=d["sentence_type"],
            ld_outcome=d["ld_outcome"],
            note=d["note"],
            occurred_at=d.get("occurred_at"),
            confirm_active_support=d.get("confirm_active_support", False),
        )

    return step_page(
        request,
        ep,
        step=Step.CLOSE,
        form=forms.CloseForm(form_data(request)),
        template="pathway/close.html",
        record=record,
        done="Episode closed",
        context={"active_referrals": registry.continuing(ep)},
    )


@page
@require_http_methods(["GET", "POST"])
def reopen(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "reopen form")

    def record(d: dict[str, Any]) -> PathwayEvent:
        return actions.episode_reopen(by=user, episode=ep, reason=d["reason"], occurred_at=d.get("occurred_at"))

    return step_page(
        request,
        ep,
        step=Step.REOPEN,
        form=forms.ReopenForm(form_data(request)),
        template="pathway/reopen.html",
        record=record,
        done="Episode reopened",
    )


@page
@require_http_methods(["GET", "POST"])
def reenter(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "re-entry form")
    sites = sites_to_record_at(user).filter(scheme_id=ep.scheme_id)
    form = forms.ReenterForm(form_data(request), sites=sites)

    def record(d: dict[str, Any]) -> PathwayEvent:
        return actions.episode_reenter(
            by=user, episode=ep, alert=form.alert(), note=d["note"], occurred_at=d.get("occurred_at")
        )

    return step_page(
        request,
        ep,
        step=Step.REENTER,
        form=form,
        template="pathway/reenter.html",
        record=record,
        done="Re-entry recorded",
    )


@page
@require_http_methods(["GET", "POST"])
def note(request: AuthenticatedHttpRequest, episode_id: str) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "note form")

    def record(d: dict[str, Any]) -> PathwayEvent:
        return actions.episode_note(by=user, episode=ep, text=d["text"], occurred_at=d.get("occurred_at"))

    return step_page(
        request,
        ep,
        step=Step.NOTE,
        form=forms.NoteForm(form_data(request)),
        template="pathway/note.html",
        record=record,
        done="Note added",
    )


@page
@require_http_methods(["GET", "POST"])
def void(request: AuthenticatedHttpRequest, episode_id: str, event_id: int) -> HttpResponse:
    user = request.user
    ep = episode_to_record(request, episode_id, "void form")
    entry = selectors.episode_event_get(episode=ep, event_id=event_id)

    def record(d: dict[str, Any]) -> PathwayEvent:
        return actions.entry_void(by=user, episode=ep, event=entry, reason=d["reason"])

    return step_page(
        request,
        ep,
        step=Step.VOID,
        form=forms.VoidForm(form_data(request)),
        template="pathway/void.html",
        record=record,
        done="Entry voided",
        context={
            "entry": entry,
            "details": describe(entry),
            "voidable": entry.kind in EVENTS.voidable() and not entry.voided_by.exists(),
        },
    )
