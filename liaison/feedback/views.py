"""The easy-read feedback form (open to anyone, no sign-in), and the pages where a scheme's
staff and the programme read the results and say what they did about them."""

from __future__ import annotations

from datetime import date

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied, Throttled
from liaison.core.pages import page
from liaison.core.paging import Paging, page_asked, pagination
from liaison.feedback import actions, selectors
from liaison.feedback.charts import positive_chart
from liaison.feedback.forms import ActionForm, ChooseServiceForm, FeedbackForm, PeriodForm, WithdrawActionForm
from liaison.feedback.throttle import count_one
from liaison.feedback.vocabulary import FFT_QUESTION, Agree
from liaison.organisations.models import Scheme

COMMENTS_PER_PAGE = 20


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


@login_not_required
@page
@require_http_methods(["GET", "POST"])
def give(request: HttpRequest) -> HttpResponse:
    """No scheme yet: ask which service. With one (`?scheme=CODE`, from a link or QR code, and
    `&site=ID` for the place): the questions."""
    code = request.GET.get("scheme", "")
    if not code:
        chooser = ChooseServiceForm(schemes=selectors.schemes_taking_feedback())
        return render(request, "feedback/choose.html", {"form": chooser})
    try:
        scheme = selectors.scheme_for_feedback(code)
    except NotFound:
        # A mistyped or old link: ask which service instead, saying why.
        chooser = ChooseServiceForm(request.GET, schemes=selectors.schemes_taking_feedback())
        chooser.is_valid()
        return render(request, "feedback/choose.html", {"form": chooser})
    site = selectors.site_for_feedback(scheme, request.GET.get("site"))
    form = FeedbackForm(request.POST or None, initial={"format": "on_screen", "language": "en"})
    context = {"form": form, "scheme": scheme, "site": site}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count_one(_address(request))
            actions.feedback_give(
                scheme=scheme,
                site=site,
                overall=data["overall"],
                answers=form.answers(),
                what_was_good=data["what_was_good"],
                what_could_be_better=data["what_could_be_better"],
                helped_by=data["helped_by"] or "",
                format=data["format"],
                language=data["language"],
                language_other=data["language_other"],
            )
        except Throttled as e:
            return render(request, "feedback/too_many.html", {"message": e.message, "scheme": scheme}, status=429)
        except Invalid as e:
            form.refuse(e)
        else:
            return redirect(f"{reverse('feedback:thanks')}?scheme={scheme.code}")
    return render(request, "feedback/give.html", context)


@login_not_required
@page
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    scheme = selectors.scheme_for_feedback(request.GET.get("scheme", ""))
    return render(request, "feedback/thanks.html", {"scheme": scheme, "actions": selectors.actions_shown(scheme)})


def _period(request: AuthenticatedHttpRequest) -> tuple[PeriodForm, date, date]:
    form = PeriodForm(request.GET or None)
    return (form, *form.period(clock.today()))


@page
@require_GET
def results(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, start, end = _period(request)
    try:
        england = selectors.national_results(user=request.user, start=start, end=end)
    except NotFound:
        raise PermissionDenied("Feedback results are for scheme leads, managers, commissioners and analysts.") from None
    schemes = selectors.scheme_results(user=request.user, start=start, end=end)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "england": england,
        "schemes": schemes,
        "chart": positive_chart(england, [r for _, r in schemes]),
        "agree": Agree.choices,
        "fft_question": FFT_QUESTION,
    }
    return render(request, "feedback/results.html", context)


@page
@require_GET
def scheme_results(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    scheme = selectors.scheme_get(user=request.user, code=scheme_code)
    form, start, end = _period(request)
    shown = selectors.one_scheme_results(scheme=scheme, start=start, end=end)
    england = selectors.national_results(user=request.user, start=start, end=end)
    reads = selectors.reads_comments(request.user, scheme)
    comments, pages = [], None
    if reads:
        written = selectors.comments(user=request.user, scheme=scheme, start=start, end=end)
        paging = Paging.of(count=written.count(), asked=page_asked(request.GET.get("page")), per_page=COMMENTS_PER_PAGE)
        comments = list(written[paging.offset : paging.offset + paging.per_page])
        params = {k: str(request.GET.get(k, "")) for k in ("start", "end")}
        pages = pagination(paging, params, anchor="comments")
    context = {
        "form": form,
        "scheme": scheme,
        "start": start,
        "end": end,
        "results": shown,
        "england": england,
        "chart": positive_chart(england, [shown]),
        "agree": Agree.choices,
        "fft_question": FFT_QUESTION,
        "comments": comments,
        "pagination": pages,
        "oversees": reads,
        "actions": selectors.actions_of(user=request.user, scheme=scheme),
    }
    return render(request, "feedback/scheme.html", context)


def _overseen(request: AuthenticatedHttpRequest, scheme_code: str) -> Scheme:
    scheme = selectors.scheme_get(user=request.user, code=scheme_code)
    if not scope_for(request.user).oversees(scheme.pk):
        raise PermissionDenied("Only the scheme's team leads and managers record this.")
    return scheme


@page
@require_http_methods(["GET", "POST"])
def action_new(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    scheme = _overseen(request, scheme_code)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.action_record(scheme=scheme, by=request.user, **form.cleaned_data)
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, "'You said, we did' recorded. People giving feedback now see it.")
            return redirect("feedback:scheme-results", scheme_code=scheme.code)
    return render(request, "feedback/action_new.html", {"form": form, "scheme": scheme})


@page
@require_http_methods(["GET", "POST"])
def action_withdraw(request: AuthenticatedHttpRequest, action_id: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, action_id=action_id)
    form = WithdrawActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.action_withdraw(action_id=action.pk, reason=form.cleaned_data["reason"], by=request.user)
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, "Withdrawn. It no longer shows to people giving feedback.")
            return redirect("feedback:scheme-results", scheme_code=action.scheme.code)
    return render(request, "feedback/action_withdraw.html", {"form": form, "action": action})


@page
@require_GET
def poster(request: AuthenticatedHttpRequest, scheme_code: str) -> HttpResponse:
    """A page to print for a custody suite or court: the form's address and its QR code, for the
    scheme or one of its sites."""
    scheme = _overseen(request, scheme_code)
    sites = list(scheme.sites.filter(active=True).order_by("name"))
    chosen = selectors.site_for_feedback(scheme, request.GET.get("site"))
    link = request.build_absolute_uri(f"{reverse('feedback:give')}?scheme={scheme.code}")
    if chosen is not None:
        link += f"&site={chosen.pk}"
    qr = segno.make(link, error="m").svg_inline(scale=6, dark="#212b32", light="#ffffff", title=f"QR code for {link}")
    context = {"scheme": scheme, "sites": sites, "site": chosen, "link": link, "qr": SafeString(qr)}
    return render(request, "feedback/poster.html", context)
