"""Every write of the workforce, each with its event in one transaction: staff added, changed
with a reason, leaving (which ends the record, never deletes it), training recorded, and a
scheme's planning assumptions changed with a reason. Only the scheme's team leads and managers
write; a record outside their schemes is not found."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied
from liaison.core.events import EventType
from liaison.organisations.models import Scheme
from liaison.workforce import planning
from liaison.workforce.events import (
    ASSUMPTIONS_CHANGE,
    STAFF_ADD,
    STAFF_CHANGE,
    STAFF_LEAVE,
    TRAINING_RECORD,
    TRAINING_WITHDRAW,
)
from liaison.workforce.models import (
    BODY_OF,
    Body,
    Competency,
    PlanAssumption,
    Profession,
    RoleProfile,
    StaffRecord,
    Team,
    TrainingRecord,
    WorkforceEvent,
)
from liaison.workforce.selectors import assumptions, manages


@dataclass(frozen=True)
class StaffDetails:
    given_name: str
    family_name: str
    role: RoleProfile
    profession: str
    fte: Decimal
    team: str
    lived_experience: bool
    started_on: date
    registration_body: str = ""
    registration_number: str = ""
    registration_expires: date | None = None
    user: User | None = None


# The fields a change may touch, in the order errors and events list them.
CHANGEABLE = (
    "given_name", "family_name", "role", "profession", "fte", "team", "lived_experience",
    "registration_body", "registration_number", "registration_expires", "user",
)  # fmt: skip


def _write(tag: EventType, *, subject: str, subject_id: int, scheme: Scheme, by: User, data: dict[str, Any],
           at: datetime | None) -> None:  # fmt: skip
    now = at or clock.now()
    WorkforceEvent.objects.create(
        kind=tag.tag, occurred_at=now, recorded_at=now, actor=by, subject=subject, subject_id=subject_id,
        scheme=scheme, data=data,
    )  # fmt: skip


def _check_manages(by: User, scheme: Scheme) -> None:
    if not manages(by, scheme):
        raise PermissionDenied("Only the scheme's team leads and managers keep its staff records")


def _checked(d: StaffDetails, scheme: Scheme) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not d.given_name.strip():
        errors["given_name"] = "Enter the first name"
    if not d.family_name.strip():
        errors["family_name"] = "Enter the last name"
    if d.profession not in Profession.values:
        errors["profession"] = "Choose the profession"
    if d.team not in Team.values:
        errors["team"] = "Choose the core or the extended team"
    if not Decimal("0.01") <= d.fte <= 1:
        errors["fte"] = "FTE must be more than 0 and no more than 1.00"
    if d.registration_body not in Body.values:
        errors["registration_body"] = "Choose the body the person is registered with"
    elif d.registration_body and d.profession in Profession.values:
        expected = BODY_OF[Profession(d.profession)]
        if not expected:
            errors["registration_body"] = "Leave the registration empty for no registered profession"
        elif d.registration_body != expected:
            errors["registration_body"] = f"{Profession(d.profession).label}s register with the {expected.label}"
    if d.registration_body and not d.registration_number.strip():
        errors["registration_number"] = "Enter the registration number"
    if d.registration_number.strip() and not d.registration_body:
        errors["registration_body"] = "Choose the body the number is registered with"
    if d.role.registration and not d.registration_body:
        errors["registration_body"] = f"A {d.role.title.lower()} is a registered role: enter the registration"
    if d.user is not None and not d.user.memberships.filter(Q(scheme=scheme) | Q(site__scheme=scheme)).exists():
        errors["user"] = "That account is not one of this scheme's"
    return errors


@transaction.atomic
def staff_add(*, scheme: Scheme, details: StaffDetails, by: User, at: datetime | None = None) -> StaffRecord:
    _check_manages(by, scheme)
    errors = _checked(details, scheme)
    if details.started_on > clock.today() + timedelta(days=366):
        errors["started_on"] = "Start date must be within a year from today"
    if errors:
        raise Invalid("Check the staff details", errors=errors)
    staff = StaffRecord.objects.create(
        scheme=scheme,
        user=details.user,
        given_name=details.given_name.strip(),
        family_name=details.family_name.strip(),
        role=details.role,
        profession=details.profession,
        registration_body=details.registration_body,
        registration_number=details.registration_number.strip(),
        registration_expires=details.registration_expires if details.registration_body else None,
        fte=details.fte,
        team=details.team,
        lived_experience=details.lived_experience,
        started_on=details.started_on,
    )
    data = {
        "role": details.role.code,
        "level": details.role.level,
        "framework_version": details.role.framework.version,
        "fte": f"{details.fte:.2f}",
        "team": details.team,
        "lived_experience": details.lived_experience,
        "registration_body": details.registration_body,
        "started_on": details.started_on,
        "linked_user_id": details.user.pk if details.user else None,
    }
    _write(STAFF_ADD, subject="staff", subject_id=staff.pk, scheme=scheme, by=by, data=data, at=at)
    return staff


def _shown(field: str, value: object) -> str | None:
    if value is None:
        return None
    if field == "role":
        return value.code if isinstance(value, RoleProfile) else str(value)
    if field == "user":
        return str(value.pk) if isinstance(value, User) else str(value)
    if field == "fte":
        return f"{Decimal(str(value)):.2f}"
    return str(value)


@transaction.atomic
def staff_change(*, staff_id: int, details: StaffDetails, reason: str, by: User) -> StaffRecord:
    staff = StaffRecord.objects.select_for_update().select_related("scheme", "role").filter(pk=staff_id).first()
    if staff is None or not manages(by, staff.scheme):
        raise NotFound("No such staff record")
    if staff.ended_on is not None:
        raise Invalid("This person has left: their record is kept as it was", errors={})
    errors = _checked(details, staff.scheme)
    if not reason.strip():
        errors["reason"] = "Enter why the record is changed"
    if errors:
        raise Invalid("Check the staff details", errors=errors)
    new = {
        "given_name": details.given_name.strip(),
        "family_name": details.family_name.strip(),
        "role": details.role,
        "profession": details.profession,
        "fte": details.fte,
        "team": details.team,
        "lived_experience": details.lived_experience,
        "registration_body": details.registration_body,
        "registration_number": details.registration_number.strip(),
        "registration_expires": details.registration_expires if details.registration_body else None,
        "user": details.user,
    }
    changes: dict[str, list[str | None]] = {}
    for name in CHANGEABLE:
        old = getattr(staff, name)
        if _shown(name, old) != _shown(name, new[name]):
            # Names and numbers are in the record; the event says that they changed.
            private = name in ("given_name", "family_name", "registration_number")
            changes[name] = ["(changed)", "(changed)"] if private else [_shown(name, old), _shown(name, new[name])]
            setattr(staff, name, new[name])
    if not changes:
        raise Invalid("Nothing was changed", errors={"reason": "Change at least one detail, or go back"})
    staff.save()
    data = {"changes": changes, "reason": reason.strip()}
    _write(STAFF_CHANGE, subject="staff", subject_id=staff.pk, scheme=staff.scheme, by=by, data=data, at=None)
    return staff


@transaction.atomic
def staff_leave(*, staff_id: int, ended_on: date, reason: str, by: User, at: datetime | None = None) -> StaffRecord:
    """End the record: the person is no longer in post from the day after `ended_on`."""
    staff = StaffRecord.objects.select_for_update().select_related("scheme").filter(pk=staff_id).first()
    if staff is None or not manages(by, staff.scheme):
        raise NotFound("No such staff record")
    errors = {}
    if staff.ended_on is not None:
        errors["ended_on"] = "This person's record has already ended"
    elif ended_on < staff.started_on:
        errors["ended_on"] = "The last day cannot be before they started"
    if not reason.strip():
        errors["reason"] = "Enter why the person left"
    if errors:
        raise Invalid("Check the details", errors=errors)
    staff.ended_on, staff.end_reason = ended_on, reason.strip()
    staff.save(update_fields=["ended_on", "end_reason"])
    data = {"ended_on": ended_on, "reason": staff.end_reason}
    _write(STAFF_LEAVE, subject="staff", subject_id=staff.pk, scheme=staff.scheme, by=by, data=data, at=at)
    return staff


def expiry(completed_on: date, renew_months: int | None) -> date | None:
    """The day training lapses: the same day `renew_months` later (the month's last day when
    that month is shorter)."""
    if renew_months is None:
        return None
    index = completed_on.year * 12 + completed_on.month - 1 + renew_months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(completed_on.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def training_record(
    *,
    staff: StaffRecord,
    competency: Competency,
    completed_on: date,
    evidence: str,
    by: User,
    expires_on: date | None = None,
    at: datetime | None = None,
) -> TrainingRecord:
    """`expires_on` defaults to the competency's renewal period from `completed_on`."""
    if not manages(by, staff.scheme):
        raise NotFound("No such staff record")
    expires = expires_on or expiry(completed_on, competency.renew_months)
    errors = {}
    if competency.framework_id != staff.role.framework_id:
        errors["competency"] = "Choose a competency of the person's framework"
    if completed_on > clock.today():
        errors["completed_on"] = "Date completed must be today or in the past"
    if expires is not None and expires <= completed_on:
        errors["expires_on"] = "Expiry date must be after the date completed"
    if not evidence.strip():
        errors["evidence"] = "Enter the evidence seen, for example the certificate"
    if errors:
        raise Invalid("Check the training details", errors=errors)
    record = TrainingRecord.objects.create(
        staff=staff, competency=competency, completed_on=completed_on, expires_on=expires,
        evidence=evidence.strip(), recorded_by=by, recorded_at=at or clock.now(),
    )  # fmt: skip
    data = {"staff_id": staff.pk, "competency": competency.code, "completed_on": completed_on, "expires_on": expires}
    _write(TRAINING_RECORD, subject="training", subject_id=record.pk, scheme=staff.scheme, by=by, data=data, at=at)
    return record


@transaction.atomic
def training_withdraw(*, training_id: int, reason: str, by: User) -> TrainingRecord:
    """Take back a training record entered in error; it stays, marked, and no longer counts."""
    record = TrainingRecord.objects.select_for_update().select_related("staff__scheme").filter(pk=training_id).first()
    if record is None or not manages(by, record.staff.scheme):
        raise NotFound("No such training record")
    if record.withdrawn_at is not None:
        raise Invalid("Already withdrawn", errors={"reason": "This training record has already been withdrawn"})
    if not reason.strip():
        raise Invalid("Check the details", errors={"reason": "Enter why the record is withdrawn"})
    record.withdrawn_at, record.withdrawn_reason = clock.now(), reason.strip()
    record.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    data = {"staff_id": record.staff_id, "reason": record.withdrawn_reason}
    _write(TRAINING_WITHDRAW, subject="training", subject_id=record.pk, scheme=record.staff.scheme, by=by, data=data,
           at=None)  # fmt: skip
    return record


def _limits(key: str) -> tuple[Decimal, Decimal]:
    if key == "demand_months":
        return Decimal(1), Decimal(36)
    if key == "leave_allowance_percent":
        return Decimal(0), Decimal(90)
    if key == "productive_hours_per_fte":
        return Decimal(100), Decimal(3000)
    return Decimal(0), Decimal(10_000)


@transaction.atomic
def assumptions_change(
    *, scheme: Scheme, values: dict[str, Decimal], reason: str, by: User, at: datetime | None = None
) -> dict[str, list[str]]:
    """Set the scheme's own values; a value equal to what applies now changes nothing. Returns
    the changes (key -> [old, new]), which the one event holds."""
    _check_manages(by, scheme)
    current = {a.key: a for a in assumptions(scheme)}
    errors: dict[str, str] = {}
    for key, value in values.items():
        if key not in current:
            errors[key] = "Not a planning assumption"
            continue
        low, high = _limits(key)
        if not low <= value <= high:
            errors[key] = f"{current[key].label} must be from {low} to {high}"
        elif key == "demand_months" and value != value.to_integral_value():
            errors[key] = "Months of demand must be a whole number"
    if not reason.strip():
        errors["reason"] = "Enter why the assumptions are changed"
    if errors:
        raise Invalid("Check the assumptions", errors=errors)
    changes = {
        key: [f"{current[key].value:.2f}", f"{value:.2f}"]
        for key, value in values.items()
        if value.quantize(planning.HUNDREDTH) != current[key].value.quantize(planning.HUNDREDTH)
    }
    if not changes:
        raise Invalid("Nothing was changed", errors={"reason": "Change at least one value, or go back"})
    now = at or clock.now()
    for key in changes:
        PlanAssumption.objects.update_or_create(
            scheme=scheme,
            key=key,
            defaults={"value": values[key], "reason": reason.strip(), "changed_by": by, "changed_at": now},
        )
    data = {"changes": changes, "reason": reason.strip()}
    _write(ASSUMPTIONS_CHANGE, subject="plan", subject_id=scheme.pk, scheme=scheme, by=by, data=data, at=at)
    return changes
