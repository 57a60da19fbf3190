from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views

from liaison.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"idle_minutes": settings.SESSION_IDLE_MINUTES}


class SignOutView(auth_views.LogoutView):
    pass
