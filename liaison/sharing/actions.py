"""Recording and withdrawing consent, and sharing information: each one action, one transaction,
one event, written through the pathway gate (`take_step`).

A share needs consent in force for its agency and purpose, or an override approved by a senior
practitioner of the scheme; without either it is refused with `consent_required` and nothing is
written.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.db import transaction

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, StageNotAllowed
from liaison.core.locks import lock
from liaison.organisations.models import Role
from liaison.pathway.models import Episode
from liaison.pathway.stages import Stage, Step, allows
from liaison.pathway.transitions import require_recorder, take_step
from liaison.sharing import selectors
from liaison.sharing.codes import (
    REPORT_KIND_OF_AGENCY,
    Agency,
    CapacityOutcome,
    Channel,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    LawfulBasis6,
    LawfulBasis9,
    OverrideKind,
    PsychiatricReport,
    Purpose,
    ShareBasis,
    TreatmentRequirement,
)
from liaison.sharing.events import CONSENT_RECORD, CONSENT_WITHDRAW, SHARE
from liaison.sharing.models import Consent, InformationShare
from liaison.sharing.reports import Selection, snapshot


class ConsentRequired(Conflict):
    code = "consent_required"


def _too_long(errors: dict[str, str], name: str, value: str, limit: int, label: str) -> None:
    if len(value) > limit:
        errors[name] = f"{label} must be {limit} characters or fewer"


@dataclass(frozen=True)
class ConsentDetails:
    """A consent decision as the form and the API give it (one input for both)."""

    scope: str
    decision: str
    method: str
    agency: str = ""
    agency_name: str = ""
    purpose: str = ""
    capacity_in_doubt: bool = False
    capacity_judged_by: str = ""
    capacity_outcome: str = ""
    capacity_note: str = ""
    guardian_name: str = ""
    guardian_relationship: str = ""
    note: str = ""

    def cleaned(self) -> ConsentDetails:
        return replace(
            self,
            agency_name=self.agency_name.strip(),
            capacity_judged_by=self.capacity_judged_by.strip(),
            capacity_note=self.capacity_note.strip(),
            guardian_name=self.guardian_name.strip(),
            guardian_relationship=self.guardian_relationship.strip(),
            note=self.note.strip(),
        )


def _check_consent(episode: Episode, d: ConsentDetails) -> None:
    errors: dict[str, str] = {}
    if d.scope not in ConsentScope.values:
        errors["scope"] = "Select what the consent is for"
    if d.decision not in ConsentDecision.values:
        errors["decision"] = "Select whether consent was given or refused"
    if d.method not in ConsentMethod.values:
        errors["method"] = "Select how consent was given or refused"
    if d.scope == ConsentScope.SHARE:
        if d.agency not in Agency.values:
            errors["agency"] = "Select the agency information would be shared with"
        elif d.agency == Agency.OTHER and not d.agency_name:
            errors["agency_name"] = "Enter the name of the agency"
        if d.purpose not in Purpose.values:
            errors["purpose"] = "Select the purpose of sharing"
    elif d.scope in ConsentScope.values and (d.agency or d.purpose):
        errors["agency" if d.agency else "purpose"] = "Only give an agency and purpose for consent to share"
    _too_long(errors, "agency_name", d.agency_name, 160, "The agency's name")
    if d.capacity_in_doubt:
        if not d.capacity_judged_by:
            errors["capacity_judged_by"] = "Enter who judged the person's capacity"
        if d.capacity_outcome not in CapacityOutcome.values:
            errors["capacity_outcome"] = "Select the outcome of the capacity judgement"
        elif d.capacity_outcome == CapacityOutcome.LACKS_CAPACITY and d.decision == ConsentDecision.GIVEN:
            errors["decision"] = "A person who lacks capacity for this decision cannot give consent"
    elif d.capacity_judged_by or d.capacity_outcome:
        errors["capacity_in_doubt"] = "Say that capacity is in doubt to record a capacity judgement"
    _too_long(errors, "capacity_judged_by", d.capacity_judged_by, 160, "Who judged capacity")
    if selectors.needs_guardian(episode):
        if not d.guardian_name:
            errors["guardian_name"] = "Enter the parent or guardian involved: the person was under 16"
        if not d.guardian_relationship:
            errors["guardian_relationship"] = "Enter the parent or guardian's relationship to the person"
    _too_long(errors, "guardian_name", d.guardian_name, 160, "The parent or guardian's name")
    _too_long(errors, "guardian_relationship", d.guardian_relationship, 80, "The relationship")
    if errors:
        raise Invalid("There is a problem with the consent", errors=errors)


@transaction.atomic
def consent_record(
    *, by: User, episode: Episode, details: ConsentDetails, occurred_at: datetime | None = None
) -> Consent:
    """Consent given or refused, within the episode; for under-16s with a parent or guardian."""
    require_recorder(by, episode.scheme_id)
    d = details.cleaned()
    _check_consent(episode, d)
    consent_id = uuid.uuid4()
    age = selectors.age_at_episode(episode)
    event = take_step(
        episode=episode,
        kind=CONSENT_RECORD,
        by=by,
        occurred_at=occurred_at,
        data={
            "consent_id": str(consent_id),
            "scope": d.scope,
            "agency": d.agency,
            "agency_name": d.agency_name,
            "purpose": d.purpose,
            "decision": d.decision,
            "method": d.method,
            "capacity_in_doubt": d.capacity_in_doubt,
            "capacity_judged_by": d.capacity_judged_by,
            "capacity_outcome": d.capacity_outcome,
            "guardian_name": d.guardian_name,
            "guardian_relationship": d.guardian_relationship,
        },
    )
    return Consent.objects.create(
        id=consent_id,
        person=episode.person,
        episode=episode,
        event=event,
        scope=d.scope,
        agency=d.agency,
        agency_name=d.agency_name,
        purpose=d.purpose,
        decision=d.decision,
        method=d.method,
        given_at=event.occurred_at,
        recorded_by=by,
        recorded_at=event.recorded_at,
        capacity_in_doubt=d.capacity_in_doubt,
        capacity_judged_by=d.capacity_judged_by,
        capacity_outcome=d.capacity_outcome,
        capacity_note=d.capacity_note,
        age_at_episode=age,
        guardian_name=d.guardian_name,
        guardian_relationship=d.guardian_relationship,
        note=d.note,
    )


@transaction.atomic
def consent_withdraw(*, by: User, consent: Consent, note: str = "", occurred_at: datetime | None = None) -> Consent:
    """The person withdraws consent they gave: later shares that relied on it are refused."""
    require_recorder(by, consent.episode.scheme_id)
    # The episode before its consent (the one lock order, `liaison.core.locks`), as `take_step`
    # and a share at the same moment lock it.
    lock(Episode.objects.filter(pk=consent.episode_id)).first()
    locked = lock(Consent.objects).get(pk=consent.pk)
    if locked.decision != ConsentDecision.GIVEN:
        raise Conflict("Only consent that was given can be withdrawn", code="not_withdrawable")
    if locked.is_withdrawn:
        raise Conflict("That consent has already been withdrawn", code="already_withdrawn")
    event = take_step(
        episode=consent.episode,
        kind=CONSENT_WITHDRAW,
        by=by,
        occurred_at=occurred_at,
        data={
            "consent_id": str(locked.pk),
            "scope": locked.scope,
            "agency": locked.agency,
            "purpose": locked.purpose,
            "note": note.strip(),
        },
    )
    locked.withdrawn_at = event.occurred_at
    locked.withdrawn_by = by
    locked.withdrawal_note = note.strip()
    locked.withdraw_event = event
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note", "withdraw_event"])
    for name in ("withdrawn_at", "withdrawn_by", "withdrawal_note", "withdraw_event"):
        setattr(consent, name, getattr(locked, name))
    return consent


def _senior_role(approver: User, scheme_id: int) -> str:
    """The approver's senior role in the scheme ('Team lead'), or '' when they hold none."""
    if not approver.is_active or not scope_for(approver).oversees(scheme_id):
        return ""
    roles = {m.role for m in scope_for(approver).memberships if m.scheme_id_in_effect == scheme_id}
    return next((str(Role(r).label) for r in (Role.SCHEME_MANAGER, Role.TEAM_LEAD) if r in roles), "")


def _author_role(author: User, scheme_id: int) -> str:
    """The author's job title, else their role in the scheme ('Practitioner'), for the report."""
    if author.job_title:
        return author.job_title
    roles = [m.role for m in scope_for(author).memberships if m.scheme_id_in_effect == scheme_id]
    return str(Role(roles[0]).label) if roles else ""


@dataclass(frozen=True)
class ShareDetails:
    """What a share says, as the form and the API give it (one input for both)."""

    agency: str
    recipient_name: str
    purpose: str
    lawful_basis_6: str
    lawful_basis_9: str
    channel: str
    finding_ids: Sequence[int] = ()
    referral_event_ids: Sequence[int] = ()
    summary: str = ""
    treatment_requirements: Sequence[str] = ()
    psychiatric_report: str = PsychiatricReport.NOT_STATED
    recommendations: str = ""
    override_kind: str = ""
    override_reason: str = ""
    override_approver: User | None = None
    # Where known, for a court: the case and the hearing the report is for.
    court_case_number: str = ""
    hearing_date: date | None = None

    def cleaned(self) -> ShareDetails:
        return replace(
            self,
            recipient_name=self.recipient_name.strip(),
            court_case_number=self.court_case_number.strip(),
            summary=self.summary.strip(),
            recommendations=self.recommendations.strip(),
            override_reason=self.override_reason.strip(),
            treatment_requirements=list(dict.fromkeys(self.treatment_requirements)),
        )

    @property
    def overriding(self) -> bool:
        return bool(self.override_kind or self.override_reason or self.override_approver)


def _check_share(d: ShareDetails) -> dict[str, str]:
    errors: dict[str, str] = {}
    if d.agency not in Agency.values:
        errors["agency"] = "Select the agency you shared with"
    if not d.recipient_name:
        errors["recipient_name"] = "Enter who you shared with, by name or office"
    _too_long(errors, "recipient_name", d.recipient_name, 160, "The recipient")
    _too_long(errors, "court_case_number", d.court_case_number, 40, "The court case number")
    if d.purpose not in Purpose.values:
        errors["purpose"] = "Select the purpose of sharing"
    if d.lawful_basis_6 not in LawfulBasis6.values:
        errors["lawful_basis_6"] = "Select the lawful basis under UK GDPR Article 6"
    if d.lawful_basis_9 not in LawfulBasis9.values:
        errors["lawful_basis_9"] = "Select the condition under UK GDPR Article 9"
    if d.channel not in Channel.values:
        errors["channel"] = "Select how the information was shared"
    if any(t not in TreatmentRequirement.values for t in d.treatment_requirements):
        errors["treatment_requirements"] = "Select treatment requirements from the list"
    if d.psychiatric_report not in PsychiatricReport.values:
        errors["psychiatric_report"] = "Select whether a psychiatric report is recommended"
    return errors


_NOT_HERE = {"findings": "Choose findings from this episode", "referrals": "Choose referrals from this episode"}


def _chosen(ids: Sequence[int], available: dict[int, Any], field: str, errors: dict[str, str]) -> list[Any]:
    """The selected items, in the order given; an id not in `available` is an error on `field`."""
    if any(i not in available for i in ids):
        errors[field] = _NOT_HERE[field]
    return [available[i] for i in dict.fromkeys(ids) if i in available]


def _selection(locked: Episode, d: ShareDetails) -> Selection:
    """The content chosen, from what this episode may share; refuses anything else, and nothing."""
    errors = _check_share(d)
    shareable = {f.pk: f for f in selectors.shareable_findings(episode=locked)}
    findings = _chosen(d.finding_ids, shareable, "findings", errors)
    referrals = _chosen(
        d.referral_event_ids,
        {r.event.pk: r for r in selectors.shareable_referrals(episode=locked)},
        "referrals",
        errors,
    )
    nothing = not (findings or referrals or d.summary or d.recommendations or d.treatment_requirements)
    if nothing and d.psychiatric_report == PsychiatricReport.NOT_STATED and "findings" not in errors:
        errors["findings"] = "Select the findings, referrals or recommendations to share, or write a summary"
    if errors:
        raise Invalid("There is a problem with the share", errors=errors)
    return Selection(
        findings, referrals, d.summary, list(d.treatment_requirements), d.psychiatric_report, d.recommendations
    )


def _basis(locked: Episode, d: ShareDetails) -> tuple[Consent | None, str]:
    """Consent in force for this agency and purpose, or a complete override approved by a senior
    practitioner of the scheme (with the approver's role): never both, never neither."""
    verdict = selectors.consent_for_share(episode=locked, agency=d.agency, purpose=d.purpose)
    if verdict.valid and d.overriding:
        raise Invalid(
            "There is consent in force for this share: do not record an override",
            errors={"override_kind": "There is consent in force for this agency and purpose: leave the override empty"},
        )
    if verdict.valid:
        return verdict.consent, ""
    if not d.overriding:
        raise ConsentRequired(
            f"{verdict.message} Record the person's consent, or record an override (safeguarding, vital "
            "interests or legal duty) approved by a team lead or scheme manager.",
            reason=verdict.reason,
            agency=d.agency,
            purpose=d.purpose,
        )
    errors, role = {}, ""
    if d.override_kind not in OverrideKind.values:
        errors["override_kind"] = "Select why you are sharing without consent"
    if not d.override_reason:
        errors["override_reason"] = "Enter the reason for sharing without consent"
    if d.override_approver is None:
        errors["override_approver"] = "Select the team lead or scheme manager who approved sharing"
    elif not (role := _senior_role(d.override_approver, locked.scheme_id)):
        errors["override_approver"] = "The approver must be a team lead or scheme manager of this scheme"
    if errors:
        raise Invalid("There is a problem with the override", errors=errors)
    return None, role


def _event_data(share_id: uuid.UUID, d: ShareDetails, chosen: Selection, consent: Consent | None) -> dict[str, Any]:
    return {
        "share_id": str(share_id),
        "agency": d.agency,
        "recipient_name": d.recipient_name,
        "purpose": d.purpose,
        "channel": d.channel,
        "basis": ShareBasis.CONSENT if consent else ShareBasis.OVERRIDE,
        "consent_id": str(consent.pk) if consent else None,
        "override_kind": "" if consent else d.override_kind,
        "override_approved_by": None if consent or d.override_approver is None else d.override_approver.pk,
        "lawful_basis_6": d.lawful_basis_6,
        "lawful_basis_9": d.lawful_basis_9,
        "finding_ids": [f.pk for f in chosen.findings],
        "referral_event_ids": [r.event.pk for r in chosen.referrals],
    }


def _write(
    *,
    by: User,
    locked: Episode,
    d: ShareDetails,
    chosen: Selection,
    consent: Consent | None,
    role: str,
    at: datetime | None,
) -> InformationShare:
    """The event, then the share with the snapshot of exactly what was chosen."""
    share_id = uuid.uuid4()
    event = take_step(episode=locked, kind=SHARE, by=by, occurred_at=at, data=_event_data(share_id, d, chosen, consent))
    approver = None if consent else d.override_approver
    report = REPORT_KIND_OF_AGENCY[d.agency]
    content = snapshot(
        episode=locked, selection=chosen, kind=report, agency=d.agency, recipient_name=d.recipient_name,
        purpose=d.purpose, lawful_basis_6=d.lawful_basis_6, lawful_basis_9=d.lawful_basis_9, channel=d.channel,
        at=event.occurred_at, by=by, consent=consent, override_kind=d.override_kind,
        override_reason=d.override_reason, approver=approver, approver_role=role,
        age=selectors.age_at_episode(locked), author_role=_author_role(by, locked.scheme_id),
        court={"case_number": d.court_case_number, "hearing_date": d.hearing_date and d.hearing_date.isoformat()},
    )  # fmt: skip
    return InformationShare.objects.create(
        id=share_id, person=locked.person, episode=locked, event=event, agency=d.agency,
        recipient_name=d.recipient_name, purpose=d.purpose, lawful_basis_6=d.lawful_basis_6,
        lawful_basis_9=d.lawful_basis_9, channel=d.channel, shared_at=event.occurred_at, shared_by=by,
        basis=ShareBasis.CONSENT if consent else ShareBasis.OVERRIDE, consent=consent,
        override_kind="" if consent else d.override_kind, override_reason="" if consent else d.override_reason,
        override_approved_by=approver, report_kind=report, report_version=content["template"]["version"],
        snapshot=content,
    )  # fmt: skip


@transaction.atomic
def share_create(
    *, by: User, episode: Episode, details: ShareDetails, occurred_at: datetime | None = None
) -> InformationShare:
    """Share selected content with an agency: validation, then the consent check, then the write.
    The share keeps a snapshot of exactly what was chosen."""
    require_recorder(by, episode.scheme_id)
    # Lock the episode first, so a withdrawal recorded at the same moment is seen, or waits.
    locked = lock(Episode.objects.select_related("person", "scheme", "site")).get(pk=episode.pk)
    if not allows(locked.stage, Step.SHARE):
        raise StageNotAllowed(
            f"An episode at stage '{Stage(locked.stage).label}' does not allow sharing information",
            stage=locked.stage,
            step=Step.SHARE.value,
        )
    d = details.cleaned()
    chosen = _selection(locked, d)
    consent, role = _basis(locked, d)
    return _write(by=by, locked=locked, d=d, chosen=chosen, consent=consent, role=role, at=occurred_at)


__all__ = [
    "ConsentDetails",
    "ConsentRequired",
    "ShareDetails",
    "clock",
    "consent_record",
    "consent_withdraw",
    "share_create",
]
