"""Reporting's writes: submitting a scheme's monthly return (ADR 0013)."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, NotFound, StageNotAllowed
from liaison.organisations.models import Scheme
from liaison.reporting.events import RETURN_SUBMIT
from liaison.reporting.figures import all_rows
from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.models import MonthlyReturn, ReturnEvent
from liaison.reporting.returns import draft, due_at, has_ended, month_label
from liaison.reporting.selectors import reporting_scope

REASON_MAX = 2000


def return_submit(
    *,
    scheme: Scheme,
    month: str,
    by: User,
    expected_version: int,
    reason: str = "",
    at: datetime | None = None,
    refreshed: bool = False,
) -> MonthlyReturn:
    """Submit the scheme's return for an ended month as the store says now (refreshed first).

    `expected_version` is the latest version the submitter saw (0 for none): if someone else
    submitted meanwhile, nothing is written and they are told, rather than their figures
    silently becoming a resubmission. A resubmission needs a reason. `refreshed` says the caller
    has just refreshed the store (the demo, submitting many at once).
    """
    now = at or clock.now()
    if not reporting_scope(by).submits_for(scheme.pk):
        raise NotFound("No such scheme return.")
    if not has_ended(month, now):
        raise StageNotAllowed(f"{month_label(month)} has not ended yet: its return can be submitted from the 1st.")
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise Invalid("The reason is too long.", errors={"reason": f"Use at most {REASON_MAX} characters."})
    if expected_version >= 1 and not reason:
        raise Invalid(
            "Say why the return is being submitted again.",
            errors={"reason": "Enter why you are submitting this month's return again"},
        )
    if not refreshed:
        refresh_in_turn()
    figures = draft(scheme, month, computed=all_rows())
    try:
        with transaction.atomic():
            latest = MonthlyReturn.objects.filter(scheme=scheme, month=month).order_by("-version").first()
            latest_version = latest.version if latest else 0
            if latest_version != expected_version:
                raise Conflict(
                    f"This return was submitted by someone else meanwhile (version {latest_version}). "
                    "Look at it before submitting again.",
                    code="return_changed",
                    latest_version=latest_version,
                )
            version = latest_version + 1
            submitted = MonthlyReturn.objects.create(
                scheme=scheme,
                month=month,
                version=version,
                figures=figures.figures,
                warnings=figures.warnings,
                reason=reason if version > 1 else "",
                submitted_by=by,
                submitted_at=now,
                late=now >= due_at(month),
                store_version=figures.store_version,
                content_hash=figures.content_hash,
            )
            ReturnEvent.objects.create(
                kind=RETURN_SUBMIT.tag,
                occurred_at=now,
                recorded_at=clock.now(),
                actor=by,
                scheme=scheme,
                monthly_return=submitted,
                data={
                    "return_id": submitted.pk,
                    "scheme_code": scheme.code,
                    "month": month,
                    "version": version,
                    "content_hash": submitted.content_hash,
                    "reason": submitted.reason,
                    "late": submitted.late,
                },
            )
    except IntegrityError:
        # Two submissions of the same version at once: the unique constraint let one through.
        raise Conflict(
            "This return was submitted by someone else at the same moment. Look at it before submitting again.",
            code="return_changed",
        ) from None
    return submitted
