"""Staff accounts and their personal API tokens."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from liaison.core.models import AppendOnlyModel


class User(AbstractUser):
    """A member of staff. What they may see comes from their memberships, never from flags here."""

    job_title = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


def token_end() -> datetime:
    """When a token issued now ends: `API_TOKEN_DAYS` from now."""
    return timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)


class TokenScope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 digest is kept: the token is shown once, at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80, blank=True)
    prefix = models.CharField(max_length=12, help_text="The first characters, to tell tokens apart")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Every token ends: one leaked into a partner's log stops working by itself (ADR 0021).
    expires_at = models.DateTimeField(default=token_end)
    scope = models.CharField(max_length=8, choices=TokenScope.choices, default=TokenScope.WRITE)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def may_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class SignInEvent(models.TextChoices):
    """What happened at the door. The labels are what an administrator reads in the admin."""

    SUCCESS = "success", "Signed in with a password"
    FAILURE = "failure", "Wrong username or password"
    LOCKED = "locked", "Refused: the account is locked"
    ADDRESS_THROTTLED = "address_throttled", "Refused: too many failures from this address"
    UNLOCK = "unlock", "Unlocked by an administrator"
    SECOND_FACTOR = "second_factor", "Gave the second factor"
    SECOND_FACTOR_FAILURE = "second_factor_failure", "Wrong second-factor code"
    RECOVERY_CODE = "recovery_code", "Used a recovery code"
    SECOND_FACTOR_SET_UP = "second_factor_set_up", "Set up the second factor"
    SECOND_FACTOR_RESET = "second_factor_reset", "Second factor removed by an administrator"
    TOKEN_FAILURE = "token_failure", "Presented an unknown, expired or revoked API token"


class SignInAudit(AppendOnlyModel):
    """Every sign-in, refusal, lockout and unlock, append-only (and so in the hash chain too).

    `username` is what was typed, kept even when no such account exists: a run of failures
    against made-up names is what an administrator looking at an attack needs to see.
    """

    at = models.DateTimeField(db_index=True)
    event = models.CharField(max_length=24, choices=SignInEvent.choices)
    username = models.CharField(max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="sign_in_audit"
    )
    address = models.GenericIPAddressField(null=True, blank=True, help_text="The client's address")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The administrator, for an unlock",
    )  # fmt: skip
    channel = models.CharField(max_length=8, default="web", help_text="web, api or cli")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["address", "event", "at"]), models.Index(fields=["username", "-at"])]

    def __str__(self) -> str:
        return f"{self.username or '?'}: {self.get_event_display().lower()} at {self.at:%d %b %Y %H:%M}"
