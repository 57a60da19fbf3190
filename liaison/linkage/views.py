"""The review pages: likely duplicates, a pair side by side, merging, and the merge history.

Reads go through linkage's selectors (scoped and audited); every write is one action."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core.errors import Conflict, Invalid
from liaison.core.pages import page
from liaison.linkage import actions, selectors
from liaison.linkage.forms import MergeForm, ReasonForm
from liaison.linkage.models import DuplicateSuggestion, SuggestionStatus
from liaison.linkage.seen_before import reason_shown


def _evidence(s: DuplicateSuggestion) -> list[str]:
    return [reason_shown(a["field"], a["level"]) for a in s.agreements]


def _choices(s: DuplicateSuggestion) -> list[tuple[str, str]]:
    return [
        (str(p.pk), f"{p.full_name}, recorded {p.created_at:%-d %B %Y} by {p.registered_by_scheme.name}")
        for p in (s.person_a, s.person_b)
    ]


@page
@require_GET
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = selectors.review_queue(user=request.user)
    return render(request, "linkage/queue.html", {"rows": [(s, _evidence(s)) for s in rows]})


@page
@require_http_methods(["GET", "POST"])
def pair(request: AuthenticatedHttpRequest, suggestion_id: int) -> HttpResponse:
    """The pair side by side. Merging takes two posts: the choice and reason, then "confirm"."""
    s = selectors.suggestion_get(user=request.user, suggestion_id=suggestion_id)
    deciding_not_same = "not_same" in request.POST
    merge_form = MergeForm(
        request.POST if request.method == "POST" and not deciding_not_same else None, choices=_choices(s)
    )
    not_same = ReasonForm(request.POST if deciding_not_same else None, prefix="not_same")
    confirming = False
    if request.method == "POST" and merge_form.is_bound and merge_form.is_valid():
        keep_id = merge_form.cleaned_data["keep"]
        keep, absorb = (s.person_a, s.person_b) if keep_id == str(s.person_a_id) else (s.person_b, s.person_a)
        if request.POST.get("confirmed") != "yes":
            confirming = True
        else:
            try:
                actions.people_merge(
                    by=request.user, keep=keep, absorb=absorb, reason=merge_form.cleaned_data["reason"], suggestion=s
                )
            except (Invalid, Conflict) as e:
                merge_form.refuse(e)
            else:
                messages.success(request, f"Merged. {absorb.full_name}'s record is part of this one now.")
                return redirect("people:person", person_id=keep.pk)
    if request.method == "POST" and not_same.is_bound and not_same.is_valid():
        try:
            actions.suggestion_not_same(by=request.user, suggestion=s, reason=not_same.cleaned_data["reason"])
        except (Invalid, Conflict) as e:
            not_same.refuse(e)
        else:
            messages.success(request, "Recorded as not the same person. They will not be suggested again.")
            return redirect("linkage:queue")
    context = {
        "s": s,
        "evidence": _evidence(s),
        "people": [s.person_a, s.person_b],
        "form": merge_form,
        "not_same": not_same,
        "confirming": confirming,
        "open": s.status == SuggestionStatus.OPEN,
    }
    return render(request, "linkage/pair.html", context)


@page
@require_GET
def merges(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "linkage/merges.html", {"merges": selectors.merges_seen(user=request.user)})


@page
@require_http_methods(["GET", "POST"])
def unmerge(request: AuthenticatedHttpRequest, merge_id: int) -> HttpResponse:
    merge = selectors.merge_get(user=request.user, merge_id=merge_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.people_unmerge(by=request.user, merge=merge, reason=form.cleaned_data["reason"])
        except (Invalid, Conflict) as e:
            form.refuse(e)
        else:
            messages.success(request, f"Merge undone. {merge.absorbed.full_name} has a record of their own again.")
            return redirect("linkage:merges")
    return render(request, "linkage/unmerge.html", {"merge": merge, "form": form})
