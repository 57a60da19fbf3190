"""The workforce pages: the programme's FTE in post against planned need (no one named), a
scheme's workforce page, and its team leads' and managers' forms for staff, training and the
planning assumptions."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.core.pages import page
from liaison.organisations.models import Scheme
from liaison.workforce import actions, selectors
from liaison.workforce.career import current
from liaison.workforce.charts import staffed_chart
from liaison.workforce.demand import scheme_demand
from liaison.workforce.forms import (
    AssumptionsForm,
    LeaveForm,
    StaffChangeForm,
    StaffForm,
    TrainingForm,
    WithdrawTrainingForm,
)
from liaison.workforce.models import StaffRecord
from liaison.workforce.planning import defaults


@page
@require_GET
def programme(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        lines = selectors.programme(user=request.user)
    except NotFound:
        raise PermissionDenied(
            "Workforce figures are for scheme leads, managers, commissioners and analysts."
        ) from None
    context = {"lines": lines, "chart": staffed_chart(lines), "framework": current(), "today": clock.today()}
    return render(request, "workforce/programme.html", context)


@page
@require_GET
def scheme(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    shown = selectors.scheme_get(user=request.user, code=scheme_code)
    assumptions = selectors.assumptions(shown)
    plan = selectors.plans_for([shown])[shown.pk]
    context = {
        "scheme": shown,
        "plan": plan,
        "assumptions": assumptions,
        "steps": defaults().steps,
        "framework": current(),
        "manages": selectors.manages(request.user, shown),
    }
    if context["manages"]:
        months = int({a.key: a.value for a in assumptions}["demand_months"])
        context |= {
            "staff": selectors.staff_of(user=request.user, scheme=shown),
            "left": selectors.staff_of(user=request.user, scheme=shown, left=True),
            "needs": selectors.training_needs(user=request.user, scheme=shown),
            "expiring_days": selectors.EXPIRING_DAYS,
            "demand": scheme_demand(shown.pk, months=months, today=clock.today()),
        }
    return render(request, "workforce/scheme.html", context)


def _accounts(scheme: Scheme) -> list[User]:
    rows = User.objects.filter(Q(memberships__scheme=scheme) | Q(memberships__site__scheme=scheme), is_active=True)
    return list(rows.distinct().order_by("last_name", "first_name"))


def _staff_form(request: AuthenticatedHttpRequest, scheme: Scheme, cls: type[StaffForm], **kwargs: object) -> StaffForm:
    roles = list(current().roles.all())
    return cls(request.POST or None, roles=roles, accounts=_accounts(scheme), **kwargs)


@page
@require_http_methods(["GET", "POST"])
def staff_new(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    shown = selectors.managed_scheme_get(user=request.user, code=scheme_code)
    form = _staff_form(request, shown, StaffForm, initial={"team": "core", "lived_experience": "no"})
    if request.method == "POST" and form.is_valid():
        try:
            details = actions.StaffDetails(**form.details(), started_on=form.cleaned_data["started_on"])
            staff = actions.staff_add(scheme=shown, details=details, by=request.user)
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, f"{staff.name} added to the scheme's staff.")
            return redirect("workforce:staff", staff_id=staff.pk)
    return render(request, "workforce/staff_new.html", {"form": form, "scheme": shown})


@page
@require_GET
def staff(request: AuthenticatedHttpRequest, staff_id: int) -> HttpResponse:
    record = selectors.staff_get(user=request.user, staff_id=staff_id)
    context = {"staff": record, "training": selectors.training_of(record), "required": record.role.competencies.all()}
    return render(request, "workforce/staff.html", context)


@page
@require_http_methods(["GET", "POST"])
def staff_change(request: AuthenticatedHttpRequest, staff_id: int) -> HttpResponse:
    record = selectors.staff_get(user=request.user, staff_id=staff_id)
    if not record.in_post:
        raise NotFound("This person has left: their record is kept as it was")
    form = _staff_form(request, record.scheme, StaffChangeForm, initial=StaffForm.initial_of(record))
    if request.method == "POST" and form.is_valid():
        try:
            details = actions.StaffDetails(**form.details(), started_on=record.started_on)
            actions.staff_change(staff_id=record.pk, details=details, reason=form.cleaned_data["reason"],
                                 by=request.user)  # fmt: skip
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, "Staff record changed.")
            return redirect("workforce:staff", staff_id=record.pk)
    return render(request, "workforce/staff_change.html", {"form": form, "staff": record})


@page
@require_http_methods(["GET", "POST"])
def staff_leave(request: AuthenticatedHttpRequest, staff_id: int) -> HttpResponse:
    record = selectors.staff_get(user=request.user, staff_id=staff_id)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.staff_leave(staff_id=record.pk, by=request.user, **form.cleaned_data)
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, f"{record.name}'s record ends on {form.cleaned_data['ended_on']:%-d %B %Y}.")
            return redirect("workforce:scheme", scheme_code=record.scheme.code)
    return render(request, "workforce/staff_leave.html", {"form": form, "staff": record})


def _training_form(request: AuthenticatedHttpRequest, record: StaffRecord) -> TrainingForm:
    required = {c.pk for c in record.role.competencies.all()}
    competencies = list(record.role.framework.competencies.all())
    return TrainingForm(request.POST or None, competencies=competencies, required=required)


@page
@require_http_methods(["GET", "POST"])
def training_new(request: AuthenticatedHttpRequest, staff_id: int) -> HttpResponse:
    record = selectors.staff_get(user=request.user, staff_id=staff_id)
    form = _training_form(request, record)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.training_record(
                staff=record,
                competency=form.chosen(),
                completed_on=data["completed_on"],
                expires_on=data["expires_on"],
                evidence=data["evidence"],
                by=request.user,
            )
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, f"Training recorded for {record.name}.")
            return redirect("workforce:staff", staff_id=record.pk)
    return render(request, "workforce/training_new.html", {"form": form, "staff": record})


@page
@require_http_methods(["GET", "POST"])
def training_withdraw(request: AuthenticatedHttpRequest, training_id: int) -> HttpResponse:
    record = selectors.training_get(user=request.user, training_id=training_id)
    form = WithdrawTrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.training_withdraw(training_id=record.pk, reason=form.cleaned_data["reason"], by=request.user)
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, "Training record withdrawn. It no longer counts.")
            return redirect("workforce:staff", staff_id=record.staff_id)
    return render(request, "workforce/training_withdraw.html", {"form": form, "record": record})


@page
@require_http_methods(["GET", "POST"])
def assumptions(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    shown = selectors.managed_scheme_get(user=request.user, code=scheme_code)
    form = AssumptionsForm(request.POST or None, assumptions=selectors.assumptions(shown))
    if request.method == "POST" and form.is_valid():
        try:
            changes = actions.assumptions_change(
                scheme=shown, values=form.values(), reason=form.cleaned_data["reason"], by=request.user
            )
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, f"Planning assumptions changed: {len(changes)}. The plan uses them now.")
            return redirect("workforce:scheme", scheme_code=shown.code)
    return render(request, "workforce/assumptions.html", {"form": form, "scheme": shown})
