"""Lived-experience involvement: the panels and forums of the programme and of each scheme,
their meetings, and the decisions they informed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.scope import scope_for
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.core.forms import choice_field
from liaison.core.pages import page
from liaison.feedback import actions, selectors
from liaison.feedback.forms import DecisionForm, GroupForm, MeetingForm
from liaison.feedback.models import InvolvementGroup
from liaison.organisations.models import Role, Scheme

NATIONAL = "national"


def _groups_for(request: AuthenticatedHttpRequest) -> list[tuple[str, str]]:
    """Whose group a new one may be: the programme's (commissioners) and the schemes overseen."""
    scope = scope_for(request.user)
    owners = [(NATIONAL, "The national programme")] if Role.COMMISSIONER in scope.roles else []
    schemes = Scheme.objects.filter(pk__in=scope.oversight_scheme_ids).order_by("name")
    return owners + [(s.code, s.name) for s in schemes]


@page
@require_GET
def groups(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        seen = selectors.groups_seen(user=request.user)
    except NotFound:
        raise PermissionDenied("Involvement is for scheme leads, managers, commissioners and analysts.") from None
    return render(request, "feedback/involvement.html", {"groups": seen, "may_add": bool(_groups_for(request))})


@page
@require_http_methods(["GET", "POST"])
def group_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    owners = _groups_for(request)
    if not owners:
        raise PermissionDenied("Only commissioners and schemes' team leads and managers add groups.")
    form = GroupForm(request.POST or None)
    form.fields["owner"] = choice_field("Whose group is it?", owners, "Choose whose group it is")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = data.pop("owner")
        scheme = None if owner == NATIONAL else Scheme.objects.get(code=owner)
        try:
            made = actions.group_add(scheme=scheme, by=request.user, **data)
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, f"{made.name} added.")
            return redirect("feedback:group", group_id=made.pk)
    return render(request, "feedback/group_new.html", {"form": form})


@page
@require_GET
def group(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    found = selectors.group_get(user=request.user, group_id=group_id)
    context = {"group": found, "may_record": selectors.may_record(request.user, found.scheme_id)}
    return render(request, "feedback/group.html", context)


def _recordable(request: AuthenticatedHttpRequest, group_id: int) -> InvolvementGroup:
    found = selectors.group_get(user=request.user, group_id=group_id)
    if not selectors.may_record(request.user, found.scheme_id):
        raise PermissionDenied("Only the group's scheme (or, for the programme's, commissioners) records this.")
    return found


@page
@require_http_methods(["GET", "POST"])
def meeting_new(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    found = _recordable(request, group_id)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.meeting_record(group=found, by=request.user, **form.cleaned_data)
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, "Meeting recorded.")
            return redirect("feedback:group", group_id=found.pk)
    return render(request, "feedback/meeting_new.html", {"form": form, "group": found})


@page
@require_http_methods(["GET", "POST"])
def decision_new(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    found = _recordable(request, group_id)
    meetings = {str(m.pk): m for m in found.meetings.all()}
    if not meetings:
        messages.info(request, "Record the meeting first: a decision is recorded against the meeting that informed it.")
        return redirect("feedback:meeting-new", group_id=found.pk)
    form = DecisionForm(request.POST or None)
    choices = [(pk, f"{m.held_on:%-d %B %Y}") for pk, m in meetings.items()]
    form.fields["meeting"] = choice_field("Which meeting informed it?", choices, "Choose the meeting", radios=False,
                                          empty="Choose a meeting")  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        meeting = meetings[data.pop("meeting")]
        try:
            actions.decision_record(meeting=meeting, by=request.user, **data)
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, "Decision recorded.")
            return redirect("feedback:group", group_id=found.pk)
    return render(request, "feedback/decision_new.html", {"form": form, "group": found})
