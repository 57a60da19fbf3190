from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm

from liaison.accounts.actions import address_throttled, sign_in_record, username_locked
from liaison.accounts.models import SignInEvent


def locked_message() -> str:
    return (
        f"This account is locked after {settings.SIGNIN_FAILURE_LIMIT} failed sign-in attempts. Ask an "
        f"administrator to unlock it, or try again in {settings.SIGNIN_LOCKOUT_MINUTES} minutes."
    )


def address_message() -> str:
    return (
        "There have been too many failed sign-in attempts from this computer or network. Try again in "
        f"{settings.SIGNIN_ADDRESS_WINDOW_MINUTES} minutes, or ask an administrator."
    )


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is disabled. Ask your team lead.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = "Username"
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.request_address: str | None = None

    def clean(self) -> dict[str, Any]:
        """Django's check, with the address throttle before it and the lockout and audit after."""
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password")
        if not username or not password or self.request is None:
            return self.cleaned_data
        address = self.request_address = get_client_ip_address(self.request)
        if address_throttled(address=address):
            sign_in_record(event=SignInEvent.ADDRESS_THROTTLED, username=username, address=address)
            raise forms.ValidationError(address_message(), code="address_throttled")
        was_locked = username_locked(request=self.request, username=username)
        # Axes' backend refuses a locked username before any password is checked, and counts the
        # failure either way (its signal handler).
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            if not was_locked:
                sign_in_record(event=SignInEvent.FAILURE, username=username, address=address)
            if was_locked or username_locked(request=self.request, username=username):
                sign_in_record(event=SignInEvent.LOCKED, username=username, address=address)
                raise forms.ValidationError(locked_message(), code="locked")
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes",
        max_length=20,
        error_messages={"required": "Enter the security code"},
    )

    def clean_code(self) -> str:
        return "".join(str(self.cleaned_data["code"]).split()).lower()


class SetUpForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code your authenticator app shows for Liaison",
        max_length=10,
        error_messages={"required": "Enter the security code from your authenticator app"},
    )

    def clean_code(self) -> str:
        return "".join(str(self.cleaned_data["code"]).split())
