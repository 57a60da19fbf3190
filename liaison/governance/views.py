"""A scheme's governance pages, for its team leads and managers (and, to read, its
commissioners and the programme team): the board, its meetings, decisions and actions, and
the scheme's commissioning history. Thin: authorise through a selector, one action, render."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.core.forms import NhsForm
from liaison.core.pages import page
from liaison.governance import actions, selectors
from liaison.governance.forms import ArrangementForm, BoardForm, CloseForm, DecisionForm, MeetingForm, MemberForm
from liaison.governance.models import ActionStatus, Board
from liaison.governance.provision import label, provision_models
from liaison.organisations.models import Scheme


@page
@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    schemes = selectors.schemes_seen(request.user)
    scope = selectors.governance_scope(request.user)
    context: dict[str, object] = {"schemes": schemes, "programme": scope.programme}
    if scope.programme:
        on = clock.today()
        rows = selectors.programme_arrangements(user=request.user, on=on)
        context["arrangements"] = [(s, a, label(a.model) if a else "") for s, a in rows]
        context["on"] = on
    return render(request, "governance/home.html", context)


@page
@require_GET
def scheme(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    found = selectors.scheme_for(user=request.user, code=scheme_code)
    board = selectors.board_of(found)
    today = clock.today()
    actions_ = list(selectors.actions_of(board)) if board else []
    context = {
        "scheme": found,
        "board": board,
        "members": selectors.members_on(board, today) if board else [],
        "open_actions": [a for a in actions_ if a.status == ActionStatus.OPEN],
        "closed_actions": [a for a in actions_ if a.status != ActionStatus.OPEN],
        "today": today,
        "arrangements": [(a, label(a.model)) for a in selectors.arrangements_of(found)],
        "records": selectors.governance_scope(request.user).records_board(found.pk),
        "records_commissioning": selectors.governance_scope(request.user).records_commissioning(found.pk),
    }
    return render(request, "governance/scheme.html", context)


def _recording(request: AuthenticatedHttpRequest, scheme_code: str) -> Scheme:
    found = selectors.scheme_for(user=request.user, code=scheme_code)
    if not selectors.governance_scope(request.user).records_board(found.pk):
        raise NotFound("No such page.")
    return found


def _board(request: AuthenticatedHttpRequest, scheme_code: str) -> tuple[Scheme, Board]:
    found = _recording(request, scheme_code)
    board = selectors.board_of(found)
    if board is None:
        raise NotFound("The scheme has no partnership board yet.")
    return found, board


def _recorded(
    request: AuthenticatedHttpRequest, form: NhsForm, write: Callable[[], object], done: str, scheme: Scheme
) -> HttpResponse | None:
    """On a valid POST, run the action: back to the scheme's page with `done`, or its refusal put
    on the form. None when the form is to be shown (again)."""
    if request.method == "POST" and form.is_valid():
        try:
            write()
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, done)
            return redirect("governance:scheme", scheme.code)
    return None


def _form_page(
    request: AuthenticatedHttpRequest, scheme: Scheme, form: NhsForm, title: str, submit: str, hint: str = ""
) -> HttpResponse:
    context = {"scheme": scheme, "form": form, "title": title, "submit": submit, "hint": hint}
    return render(request, "governance/record.html", context, status=422 if form.errors else 200)


def _posted(request: AuthenticatedHttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@page
@require_http_methods(["GET", "POST"])
def board_new(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    found = _recording(request, scheme_code)
    if selectors.board_of(found) is not None:
        return redirect("governance:scheme", found.code)
    form = BoardForm(_posted(request))
    write = lambda: actions.board_establish(scheme=found, by=request.user, **form.cleaned_data)  # noqa: E731
    done = _recorded(request, form, write, "Partnership board set up. Add its members next.", found)
    return done or _form_page(request, found, form, "Set up the partnership board", "Set up the board")


@page
@require_http_methods(["GET", "POST"])
def member_new(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    found, board = _board(request, scheme_code)
    form = MemberForm(_posted(request))
    write = lambda: actions.member_add(board=board, by=request.user, **form.cleaned_data)  # noqa: E731
    hint = "Members are staff of the partner agencies, named in their role, never people the service sees."
    done = _recorded(request, form, write, "Member added.", found)
    return done or _form_page(request, found, form, "Add a board member", "Add the member", hint)


@page
@require_http_methods(["GET", "POST"])
def meeting_new(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    found, board = _board(request, scheme_code)
    form = MeetingForm(_posted(request), members=list(board.members.all()))

    def write() -> object:
        data = form.cleaned_data
        return actions.meeting_record(
            board=board, held_on=data["held_on"], attendees=form.chosen(), minutes=data["minutes"], by=request.user
        )

    done = _recorded(request, form, write, "Meeting recorded.", found)
    return done or _form_page(request, found, form, "Record a board meeting", "Record the meeting")


@page
@require_http_methods(["GET", "POST"])
def decision_new(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    found, board = _board(request, scheme_code)
    meetings = list(board.meetings.all())
    if not meetings:
        messages.info(request, "Record the meeting first: a decision is recorded against the meeting that made it.")
        return redirect("governance:meeting-new", found.code)
    form = DecisionForm(_posted(request), meetings=meetings, members=list(board.members.filter(left_on__isnull=True)))

    def write() -> object:
        data = form.cleaned_data
        follow = (
            [actions.ActionInput(action=data["action"], owner=form.owner(), due_on=data["due_on"])]
            if data["action"].strip()
            else []
        )
        return actions.decision_record(
            meeting=form.meeting(), decision=data["decision"], actions=follow, by=request.user
        )

    done = _recorded(request, form, write, "Decision recorded.", found)
    return done or _form_page(request, found, form, "Record a decision and its action", "Record the decision")


@page
@require_http_methods(["GET", "POST"])
def action_close(request: AuthenticatedHttpRequest, board_action_id: int) -> HttpResponse:
    action = selectors.action_for(user=request.user, action_id=board_action_id)
    found = action.meeting.board.scheme
    if action.status != ActionStatus.OPEN:
        messages.info(request, f"This action was already {action.get_status_display().lower()}.")
        return redirect("governance:scheme", found.code)
    form = CloseForm(_posted(request), initial={"closed_on": clock.today()})
    write = lambda: actions.action_close(action=action, by=request.user, **form.cleaned_data)  # noqa: E731
    hint = f"{action.action} (owner {action.owner.name}, due {action.due_on:%-d %B %Y})"
    done = _recorded(request, form, write, "Action closed.", found)
    return done or _form_page(request, found, form, "Complete or withdraw an action", "Close the action", hint)


@page
@require_http_methods(["GET", "POST"])
def arrangement_new(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    found = selectors.scheme_for(user=request.user, code=scheme_code)
    if not selectors.governance_scope(request.user).records_commissioning(found.pk):
        raise PermissionDenied("Only the scheme's commissioners record how it is commissioned.")
    models = [(code, m.label) for code, m in provision_models().items()]
    form = ArrangementForm(_posted(request), models=models)
    write = lambda: actions.arrangement_record(scheme=found, by=request.user, **form.cleaned_data)  # noqa: E731
    hint = "A contract period of the scheme. Periods of one scheme cannot overlap: end the last one first."
    done = _recorded(request, form, write, "Commissioning arrangement recorded.", found)
    return done or _form_page(
        request, found, form, "Record a commissioning arrangement", "Record the arrangement", hint
    )
