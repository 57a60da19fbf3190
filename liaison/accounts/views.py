"""Signing in: the password (with lockout), then the second factor or its setting up (ADR 0021)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from liaison.accounts.actions import sign_in_record, username_locked
from liaison.accounts.forms import SecondFactorForm, SetUpForm, SignInForm, locked_message
from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.middleware import second_factor_given, second_factor_not_required
from liaison.accounts.models import SignInEvent
from liaison.accounts.second_factor import (
    app_device,
    device_to_set_up,
    qr_svg,
    recovery_codes_left,
    second_factor_check,
    secret_text,
    set_up_confirm,
)


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"idle_minutes": settings.SESSION_IDLE_MINUTES}

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        sign_in_record(event=SignInEvent.SUCCESS, user=user, address=form.request_address)
        if not settings.REQUIRE_2FA:
            return response
        return _to("accounts:second-factor", self.get_success_url())


# Signing out needs no second factor: someone who gave up half-way must be able to leave.
sign_out = second_factor_not_required(auth_views.LogoutView.as_view())


def _next(request: HttpRequest) -> str:
    """Where to go once the second factor is given: the page asked for, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _to(name: str, next_url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def second_factor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Asks for the code from the authenticator app (or a recovery code)."""
    next_url = _next(request)
    if second_factor_given(request):
        return redirect(next_url)
    if app_device(request.user) is None:
        return _to("accounts:set-up", next_url)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        used = second_factor_check(request=request, user=request.user, code=form.cleaned_data["code"])
        if used == SignInEvent.RECOVERY_CODE:
            left = recovery_codes_left(request.user)
            messages.warning(
                request,
                f"You used a recovery code; {left} left. If you have lost your phone, ask an administrator to "
                "reset your second factor.",
            )
        if used is not None:
            return redirect(next_url)
        if username_locked(request=request, username=request.user.username):
            username = request.user.username
            logout(request)
            sign_in_record(event=SignInEvent.LOCKED, username=username)
            return render(request, "accounts/locked.html", {"message": locked_message()}, status=403)
        form.add_error("code", "The code is not right. Enter the code your authenticator app shows now.")
    return render(request, "accounts/second_factor.html", {"form": form, "next": next_url})


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def set_up(request: AuthenticatedHttpRequest) -> HttpResponse:
    """First sign-in: set up an authenticator app, then see the recovery codes, once.

    Only while the account has no confirmed authenticator: replacing one needs an
    administrator's reset, so a stolen password alone cannot move the second factor.
    """
    next_url = _next(request)
    if app_device(request.user) is not None:
        return _to("accounts:second-factor", next_url)
    device = device_to_set_up(request.user)
    form = SetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = set_up_confirm(request=request, user=request.user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error("code", "The code is not right. Check the app shows Liaison and enter the code it shows now.")
    context = {"form": form, "next": next_url, "qr": qr_svg(device), "secret": secret_text(device)}
    return render(request, "accounts/set_up.html", context)
