"""The standards pages: thin views over the selectors and actions (parse, authorise through a
selector, one action or read, render). Out of scope is 404 (`core.pages.page`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core import clock
from liaison.core.errors import Conflict, DomainError, Invalid, NotFound
from liaison.core.pages import page
from liaison.organisations.models import Scheme
from liaison.reporting.figures import all_rows
from liaison.standards import actions, selectors
from liaison.standards.benchmark import benchmark as benchmark_of
from liaison.standards.forms import BenchmarkForm, RatingForm, ReviewForm, StartForm, SubmitForm, field_key
from liaison.standards.models import Criterion
from liaison.standards.periods import latest_quarter_ended, parse
from liaison.standards.present import sections
from liaison.standards.related import related_to


def _posted(request: AuthenticatedHttpRequest) -> QueryDict | None:
    """The form's data on a POST, even an empty one (an empty QueryDict is falsy)."""
    return request.POST if request.method == "POST" else None


def _home(request: AuthenticatedHttpRequest, form: StartForm | None = None, status: int = 200) -> HttpResponse:
    own = selectors.own_schemes(request.user)
    context = {
        "frameworks": selectors.frameworks(request.user),
        "framework": selectors.latest_framework(),
        "own_schemes": own,
        "assessments": selectors.assessments_for(user=request.user, latest_only=True),
        "form": form or StartForm(schemes=own, initial={"period": latest_quarter_ended(clock.today()).code}),
    }
    return render(request, "standards/home.html", context, status=status)


@page
@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _home(request)


@page
@require_POST
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    own = selectors.own_schemes(request.user)
    framework = selectors.latest_framework()
    form = StartForm(request.POST, schemes=own)
    if not own or framework is None:
        raise NotFound("No such page.")
    if not form.is_valid():
        return _home(request, form, status=422)
    try:
        assessment = actions.self_assessment_start(
            scheme=form.chosen_scheme(), framework=framework, period=form.cleaned_data["period"], by=request.user
        )
    except Conflict as e:
        messages.info(request, e.message)
        return redirect("standards:assessment", e.details["id"])
    except Invalid as e:
        form.refuse(e)
        return _home(request, form, status=422)
    return redirect("standards:assessment", assessment.pk)


@page
@require_GET
def framework(request: AuthenticatedHttpRequest, framework_id: int) -> HttpResponse:
    f = selectors.framework_for(user=request.user, framework_id=framework_id)
    criteria = selectors.criteria_of(f)
    context = {"framework": f, "criteria": criteria, "related": related_to(f.code, [c.code for c in criteria])}
    return render(request, "standards/framework.html", context)


@page
@require_GET
def assessment(request: AuthenticatedHttpRequest, self_assessment_id: int) -> HttpResponse:
    a = selectors.assessment_for(user=request.user, assessment_id=self_assessment_id)
    scope = selectors.standards_scope(request.user)
    submission = selectors.submission_of(a)
    raw = scope.records_for(a.scheme_id)
    computed = None if submission else all_rows()
    context = {
        "assessment": a,
        "period": parse(a.period),
        "submission": submission,
        "sections": sections(a, submission=submission, computed=computed, raw=raw),
        "reviews": selectors.reviews_of(submission),
        "versions": selectors.versions_of(user=request.user, assessment=a),
        "records": raw,
        "may_review": submission is not None
        and scope.may_review(a)
        and not any(r.reviewer_id == request.user.pk for r in selectors.reviews_of(submission)),
    }
    return render(request, "standards/assessment.html", context)


def _criterion(a_framework_id: int, code: str) -> Criterion:
    c = Criterion.objects.filter(framework_id=a_framework_id, code=code).select_related("standard").first()
    if c is None:
        raise NotFound("No such criterion in this framework.")
    return c


@page
@require_http_methods(["GET", "POST"])
def rate(request: AuthenticatedHttpRequest, self_assessment_id: int, criterion_code: str) -> HttpResponse:
    a = selectors.assessment_for(user=request.user, assessment_id=self_assessment_id)
    if not selectors.standards_scope(request.user).records_for(a.scheme_id):
        raise NotFound("No such self-assessment.")
    c = _criterion(a.framework_id, criterion_code)
    row = a.ratings.filter(criterion=c).first()
    initial = {k: getattr(row, k) for k in ("rating", "evidence", "action", "owner", "due")} if row else {}
    form = RatingForm(_posted(request), criterion=c, initial=initial)
    context = {"assessment": a, "criterion": c, "form": form, "related": related_to(a.framework.code, [c.code])}
    if a.submitted:
        context["frozen"] = actions.FROZEN.format(when=f"{a.submission.submitted_at:%d %B %Y}")
        return render(request, "standards/rate.html", context, status=409 if request.method == "POST" else 200)
    if request.method == "POST" and form.is_valid():
        try:
            actions.rating_record(assessment=a, criterion=c, given=form.given(), by=request.user)
        except DomainError as e:
            form.refuse(e)
        else:
            return redirect(reverse("standards:assessment", args=[a.pk]) + f"#criterion-{field_key(c.code)}")
    return render(request, "standards/rate.html", context, status=422 if form.errors else 200)


@page
@require_http_methods(["GET", "POST"])
def submit(request: AuthenticatedHttpRequest, self_assessment_id: int) -> HttpResponse:
    a = selectors.assessment_for(user=request.user, assessment_id=self_assessment_id)
    if not selectors.standards_scope(request.user).records_for(a.scheme_id):
        raise NotFound("No such self-assessment.")
    form = SubmitForm(_posted(request))
    context = {"assessment": a, "period": parse(a.period), "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            actions.self_assessment_submit(assessment=a, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as e:
            form.refuse(e)
        else:
            messages.info(request, "The self-assessment was submitted. It is kept as it was submitted.")
            return redirect("standards:assessment", a.pk)
    return render(request, "standards/submit.html", context, status=422 if form.errors else 200)


@page
@require_POST
def revise(request: AuthenticatedHttpRequest, self_assessment_id: int) -> HttpResponse:
    a = selectors.assessment_for(user=request.user, assessment_id=self_assessment_id)
    try:
        draft = actions.self_assessment_revise(assessment=a, by=request.user)
    except Conflict as e:
        messages.info(request, e.message)
        return redirect("standards:assessment", e.details.get("id", a.pk))
    return redirect("standards:assessment", draft.pk)


@page
@require_http_methods(["GET", "POST"])
def review(request: AuthenticatedHttpRequest, self_assessment_id: int) -> HttpResponse:
    a = selectors.assessment_for(user=request.user, assessment_id=self_assessment_id)
    submission = selectors.submission_of(a)
    scope = selectors.standards_scope(request.user)
    if submission is None or not scope.may_review(a):
        raise NotFound("No such peer review.")
    form = ReviewForm(_posted(request), submission=submission, criteria=selectors.criteria_of(a.framework))
    if request.method == "POST" and form.is_valid():
        try:
            actions.peer_review_record(
                assessment=a, by=request.user, comment=form.cleaned_data["comment"], lines=form.lines()
            )
        except Invalid as e:
            form.add_review_errors(e.errors)
        except DomainError as e:
            form.refuse(e)
        else:
            messages.info(request, "Your peer review was recorded.")
            return redirect("standards:assessment", a.pk)
    context = {"assessment": a, "submission": submission, "form": form}
    return render(request, "standards/review.html", context, status=422 if form.errors else 200)


@page
@require_GET
def benchmark(request: AuthenticatedHttpRequest) -> HttpResponse:
    framework = selectors.latest_framework()
    selectors.frameworks(request.user)  # refuses roles without standards pages
    schemes = list(Scheme.objects.select_related("region").order_by("name"))
    own = selectors.own_schemes(request.user)
    default = (own or schemes)[0] if (own or schemes) else None
    initial = {"scheme": default.code if default else "", "period": latest_quarter_ended(clock.today()).code}
    form = BenchmarkForm(request.GET or None, schemes=schemes, initial=initial)
    context: dict[str, object] = {"form": form, "framework": framework}
    if framework is None or default is None or (form.is_bound and not form.is_valid()):
        return render(request, "standards/benchmark.html", context, status=422 if form.errors else 200)
    data = form.cleaned_data if form.is_bound else initial
    scheme = next((s for s in schemes if s.code == (data.get("scheme") or default.code)), default)
    try:
        period = parse(data.get("period") or str(initial["period"]))
    except Invalid as e:
        form.refuse(e)
        return render(request, "standards/benchmark.html", context, status=422)
    raw = selectors.standards_scope(request.user).records_for(scheme.pk)
    context["benchmark"] = benchmark_of(scheme=scheme, framework=framework, period=period, computed=all_rows(), raw=raw)
    return render(request, "standards/benchmark.html", context)
