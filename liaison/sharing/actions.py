"""Recording and withdrawing consent, and sharing information: each one action, one transaction,
one event, written through the pathway gate (`take_step`).

A share needs consent in force for its (named) agency and purpose, or an override of a named kind
approved by a senior practitioner of the scheme, with the Caldicott Guardian's advice and whether
the person was told; without either it is refused with `consent_required` and nothing is written.
Its UK GDPR Article 6 and 9 bases must be a pair L&D can rest on, and the common-law duty of
confidentiality basis is recorded beside them (ADR 0022).
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
    ARTICLE_9_FOR_6,
    CONFIDENTIALITY_OF_OVERRIDE,
    Agency,
    CapacityOutcome,
    Channel,
    ChildRoute,
    ConfidentialityBasis,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    LawfulBasis6,
    LawfulBasis9,
    OverrideKind,
    PsychiatricReport,
    Purpose,
    Schedule1Condition,
    TreatmentRequirement,
    YouthRequirement,
)
from liaison.sharing.events import CONSENT_RECORD, CONSENT_WITHDRAW, SHARE
from liaison.sharing.models import Consent, InformationShare
from liaison.sharing.reports import Selection
from liaison.sharing.rows import (
    Basis,
    consent_fields,
    consent_payload,
    share_fields,
    share_payload,
    withdrawal_payload,
)


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
    best_interests_reason: str = ""
    seek_consent_by: datetime | None = None
    guardian_name: str = ""
    guardian_relationship: str = ""
    child_route: str = ""
    child_route_reason: str = ""
    appropriate_adult_name: str = ""
    appropriate_adult_role: str = ""
    note: str = ""

    def cleaned(self) -> ConsentDetails:
        text = (
            "agency_name", "capacity_judged_by", "capacity_note", "best_interests_reason", "guardian_name",
            "guardian_relationship", "child_route_reason", "appropriate_adult_name", "appropriate_adult_role", "note",
        )  # fmt: skip
        return replace(self, **{name: getattr(self, name).strip() for name in text})


def _check_what(errors: dict[str, str], d: ConsentDetails) -> None:
    """What the consent is about: the service, or sharing with a (named) agency for a purpose."""
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


def _check_capacity(errors: dict[str, str], d: ConsentDetails, at: datetime) -> None:
    """Mental Capacity Act 2005: only a person with capacity consents or refuses; for one who
    lacks it the decision is taken in their best interests (s.4); when it is only temporarily
    impaired (intoxication, crisis) the decision is deferred, with best interests meanwhile and a
    time to ask the person."""
    if d.capacity_in_doubt:
        if not d.capacity_judged_by:
            errors["capacity_judged_by"] = "Enter who judged the person's capacity"
        if d.capacity_outcome not in CapacityOutcome.values:
            errors["capacity_outcome"] = "Select the outcome of the capacity judgement"
    elif d.capacity_judged_by or d.capacity_outcome:
        errors["capacity_in_doubt"] = "Say that capacity is in doubt to record a capacity judgement"
    _too_long(errors, "capacity_judged_by", d.capacity_judged_by, 160, "Who judged capacity")
    outcome = d.capacity_outcome if d.capacity_in_doubt else CapacityOutcome.HAS_CAPACITY
    if "decision" in errors or "capacity_outcome" in errors:
        return
    if d.decision in (ConsentDecision.GIVEN, ConsentDecision.REFUSED) and outcome != CapacityOutcome.HAS_CAPACITY:
        errors["decision"] = (
            "A person who lacks capacity for this decision cannot give or refuse consent: record a best "
            "interests decision"
            if outcome == CapacityOutcome.LACKS_CAPACITY
            else "While capacity is temporarily impaired, defer the decision and seek consent later"
        )
    elif d.decision == ConsentDecision.BEST_INTERESTS and outcome != CapacityOutcome.LACKS_CAPACITY:
        errors["decision"] = "A best interests decision needs a capacity judgement that the person lacks capacity"
    elif d.decision == ConsentDecision.DEFERRED and outcome != CapacityOutcome.TEMPORARILY_IMPAIRED:
        errors["decision"] = "Defer only when the person's capacity is temporarily impaired"
    if d.decision in ConsentDecision.without_consent() and not d.best_interests_reason:
        errors["best_interests_reason"] = "Enter why this is in the person's best interests, and who you consulted"
    if d.decision == ConsentDecision.DEFERRED:
        if d.seek_consent_by is None:
            errors["seek_consent_by"] = "Enter when to ask the person for their consent"
        elif d.seek_consent_by <= at:
            errors["seek_consent_by"] = "The time to ask the person must be after this decision"
    elif d.seek_consent_by is not None:
        errors["seek_consent_by"] = "Only a deferred decision has a time to ask the person"


def _check_child(errors: dict[str, str], episode: Episode, d: ConsentDetails) -> None:
    """Under 16: the child's own decision when judged Gillick competent, or a parent or guardian
    involved, with the reasons either way. Under 18 at a police station: the appropriate adult."""
    if selectors.needs_guardian(episode):
        if d.child_route not in ChildRoute.values:
            errors["child_route"] = (
                "Select whether the child is Gillick competent or a parent or guardian is involved: "
                "the person was under 16"
            )
        elif not d.child_route_reason:
            errors["child_route_reason"] = (
                "Enter why you judged the child Gillick competent"
                if d.child_route == ChildRoute.GILLICK
                else "Enter why a parent or guardian is involved"
            )
        if d.child_route == ChildRoute.PARENTAL:
            if not d.guardian_name:
                errors["guardian_name"] = "Enter the parent or guardian involved"
            if not d.guardian_relationship:
                errors["guardian_relationship"] = "Enter the parent or guardian's relationship to the person"
    elif d.child_route or d.child_route_reason:
        errors["child_route"] = "Only record the Gillick or parental route for a child under 16"
    if selectors.needs_appropriate_adult(episode):
        if not d.appropriate_adult_name:
            errors["appropriate_adult_name"] = (
                "Enter the appropriate adult: the person is under 18 at a police station (PACE Code C)"
            )
        if not d.appropriate_adult_role:
            errors["appropriate_adult_role"] = "Enter who the appropriate adult is to the person"
    _too_long(errors, "guardian_name", d.guardian_name, 160, "The parent or guardian's name")
    _too_long(errors, "guardian_relationship", d.guardian_relationship, 80, "The relationship")
    _too_long(errors, "appropriate_adult_name", d.appropriate_adult_name, 160, "The appropriate adult's name")
    _too_long(errors, "appropriate_adult_role", d.appropriate_adult_role, 80, "Who the appropriate adult is")


def _check_consent(episode: Episode, d: ConsentDetails, at: datetime) -> None:
    errors: dict[str, str] = {}
    _check_what(errors, d)
    _check_capacity(errors, d, at)
    _check_child(errors, episode, d)
    if errors:
        raise Invalid("There is a problem with the consent", errors=errors)


@transaction.atomic
def consent_record(
    *, by: User, episode: Episode, details: ConsentDetails, occurred_at: datetime | None = None
) -> Consent:
    """Consent given or refused (or, for a person who cannot decide, a best interests or deferred
    decision), within the episode; for under-16s by the Gillick or the parental route."""
    require_recorder(by, episode.scheme_id)
    d = details.cleaned()
    _check_consent(episode, d, occurred_at or clock.now())
    consent_id = uuid.uuid4()
    age = selectors.age_at_episode(episode)
    event = take_step(
        episode=episode,
        kind=CONSENT_RECORD,
        by=by,
        occurred_at=occurred_at,
        data=consent_payload(consent_id, d),
    )
    return Consent.objects.create(
        id=consent_id,
        person=episode.person,
        episode=episode,
        event=event,
        given_at=event.occurred_at,
        recorded_by=by,
        recorded_at=event.recorded_at,
        age_at_episode=age,
        **consent_fields(d),
    )


@transaction.atomic
def consent_withdraw(*, by: User, consent: Consent, note: str = "", occurred_at: datetime | None = None) -> Consent:
    """The person withdraws consent they gave. Withdrawal is of sharing with that agency for that
    purpose: every standing consent in that scope ends with it (a newer one too), so later shares
    that would rely on any of them are refused."""
    require_recorder(by, consent.episode.scheme_id)
    # The episode before its consent (the one lock order, `liaison.core.locks`), as `take_step`
    # and a share at the same moment lock it.
    lock(Episode.objects.filter(pk=consent.episode_id)).first()
    locked = lock(Consent.objects).get(pk=consent.pk)
    if locked.decision != ConsentDecision.GIVEN:
        raise Conflict("Only consent that was given can be withdrawn", code="not_withdrawable")
    if locked.is_withdrawn:
        raise Conflict("That consent has already been withdrawn", code="already_withdrawn")
    others = [c for c in selectors.same_scope(locked) if c.pk != locked.pk]
    event = take_step(
        episode=consent.episode,
        kind=CONSENT_WITHDRAW,
        by=by,
        occurred_at=occurred_at,
        data=withdrawal_payload(locked, note=note, ended=others),
    )
    locked.withdrawn_at = event.occurred_at
    locked.withdrawn_by = by
    locked.withdrawal_note = note.strip()
    locked.withdraw_event = event
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note", "withdraw_event"])
    # The others ended by the same withdrawal (its event is the first's, kept on that one).
    Consent.objects.filter(pk__in=[c.pk for c in others]).update(
        withdrawn_at=event.occurred_at, withdrawn_by=by, withdrawal_note=note.strip()
    )
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
    agency_name: str = ""
    schedule1_condition: str = ""
    confidentiality_basis: str = ""
    finding_ids: Sequence[int] = ()
    referral_event_ids: Sequence[int] = ()
    summary: str = ""
    treatment_requirements: Sequence[str] = ()
    youth_requirements: Sequence[str] = ()
    psychiatric_report: str = PsychiatricReport.NOT_STATED
    recommendations: str = ""
    override_kind: str = ""
    override_reason: str = ""
    override_approver: User | None = None
    override_statute: str = ""
    caldicott_consulted: bool | None = None
    caldicott_guardian: str = ""
    caldicott_consulted_at: datetime | None = None
    caldicott_not_consulted_reason: str = ""
    person_informed: bool | None = None
    person_not_informed_reason: str = ""
    # Where known, for a court: the case and the hearing the report is for.
    court_case_number: str = ""
    hearing_date: date | None = None

    def cleaned(self) -> ShareDetails:
        text = (
            "agency_name", "recipient_name", "summary", "recommendations", "override_reason", "override_statute",
            "caldicott_guardian", "caldicott_not_consulted_reason", "person_not_informed_reason", "court_case_number",
        )  # fmt: skip
        return replace(
            self,
            **{name: getattr(self, name).strip() for name in text},
            treatment_requirements=list(dict.fromkeys(self.treatment_requirements)),
            youth_requirements=list(dict.fromkeys(self.youth_requirements)),
        )

    @property
    def overriding(self) -> bool:
        return bool(self.override_kind or self.override_reason or self.override_approver or self.override_statute)

    @property
    def about_the_override(self) -> bool:
        """Caldicott advice and informing the person: asked of overrides only."""
        return bool(
            self.caldicott_consulted is not None
            or self.caldicott_guardian
            or self.caldicott_consulted_at
            or self.caldicott_not_consulted_reason
            or self.person_informed is not None
            or self.person_not_informed_reason
        )


def _label_of(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _check_gdpr(errors: dict[str, str], d: ShareDetails) -> None:
    """Only the Article 6 and 9 pairs that L&D, a public authority, can rest on; 9(2)(g) names
    its Schedule 1 condition (Data Protection Act 2018, s.10(3))."""
    if d.lawful_basis_6 not in LawfulBasis6.values:
        errors["lawful_basis_6"] = "Select the lawful basis under UK GDPR Article 6"
    elif d.lawful_basis_6 == LawfulBasis6.LEGITIMATE_INTERESTS:
        errors["lawful_basis_6"] = (
            "A public authority cannot rely on legitimate interests (Article 6(1)(f)) for its tasks: "
            "select public task, Article 6(1)(e)"
        )
    elif d.lawful_basis_6 == LawfulBasis6.CONTRACT:
        errors["lawful_basis_6"] = "L&D holds no contract with the person (Article 6(1)(b)): select public task"
    if d.lawful_basis_9 not in LawfulBasis9.values:
        errors["lawful_basis_9"] = "Select the condition under UK GDPR Article 9"
    elif "lawful_basis_6" not in errors and d.lawful_basis_9 not in ARTICLE_9_FOR_6[d.lawful_basis_6]:
        pairs = ", ".join(_label_of(LawfulBasis9, c).split(":")[0] for c in ARTICLE_9_FOR_6[d.lawful_basis_6])
        errors["lawful_basis_9"] = (
            f"{_label_of(LawfulBasis9, d.lawful_basis_9).split(':')[0]} does not pair with "
            f"{_label_of(LawfulBasis6, d.lawful_basis_6).split(':')[0]}: select {pairs}"
        )
    if d.lawful_basis_9 == LawfulBasis9.SUBSTANTIAL_PUBLIC_INTEREST:
        if d.schedule1_condition not in Schedule1Condition.values:
            errors["schedule1_condition"] = (
                "Select the Data Protection Act 2018 Schedule 1 condition that Article 9(2)(g) rests on"
            )
    elif d.schedule1_condition:
        errors["schedule1_condition"] = "Only give a Schedule 1 condition with Article 9(2)(g)"


def _check_recommendations(errors: dict[str, str], d: ShareDetails, child: bool) -> None:
    """A child cannot be given an adult treatment requirement (MHTR, DRR, ATR): a youth
    rehabilitation order has requirements of its own, and those are for children only."""
    if any(t not in TreatmentRequirement.values for t in d.treatment_requirements):
        errors["treatment_requirements"] = "Select treatment requirements from the list"
    elif child and d.treatment_requirements:
        errors["treatment_requirements"] = (
            "Mental health, drug rehabilitation and alcohol treatment requirements are not available under 18: "
            "select youth rehabilitation order requirements"
        )
    if any(t not in YouthRequirement.values for t in d.youth_requirements):
        errors["youth_requirements"] = "Select youth rehabilitation order requirements from the list"
    elif not child and d.youth_requirements:
        errors["youth_requirements"] = "Youth rehabilitation order requirements are for people under 18"
    if d.psychiatric_report not in PsychiatricReport.values:
        errors["psychiatric_report"] = "Select whether a psychiatric report is recommended"


def _check_share(d: ShareDetails, *, child: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    if d.agency not in Agency.values:
        errors["agency"] = "Select the agency you shared with"
    elif d.agency == Agency.OTHER and not d.agency_name:
        errors["agency_name"] = "Enter the name of the agency you shared with"
    _too_long(errors, "agency_name", d.agency_name, 160, "The agency's name")
    if not d.recipient_name:
        errors["recipient_name"] = "Enter who you shared with, by name or office"
    _too_long(errors, "recipient_name", d.recipient_name, 160, "The recipient")
    _too_long(errors, "court_case_number", d.court_case_number, 40, "The court case number")
    if d.purpose not in Purpose.values:
        errors["purpose"] = "Select the purpose of sharing"
    _check_gdpr(errors, d)
    if d.confidentiality_basis and d.confidentiality_basis not in ConfidentialityBasis.values:
        errors["confidentiality_basis"] = "Select the basis under the common-law duty of confidentiality"
    if d.channel not in Channel.values:
        errors["channel"] = "Select how the information was shared"
    _check_recommendations(errors, d, child)
    return errors


_NOT_HERE = {"findings": "Choose findings from this episode", "referrals": "Choose referrals from this episode"}


def _chosen(ids: Sequence[int], available: dict[int, Any], field: str, errors: dict[str, str]) -> list[Any]:
    """The selected items, in the order given; an id not in `available` is an error on `field`."""
    if any(i not in available for i in ids):
        errors[field] = _NOT_HERE[field]
    return [available[i] for i in dict.fromkeys(ids) if i in available]


def _selection(locked: Episode, d: ShareDetails) -> Selection:
    """The content chosen, from what this episode may share; refuses anything else, and nothing."""
    errors = _check_share(d, child=selectors.is_child(locked))
    shareable = {f.pk: f for f in selectors.shareable_findings(episode=locked)}
    findings = _chosen(d.finding_ids, shareable, "findings", errors)
    referrals = _chosen(
        d.referral_event_ids,
        {r.event.pk: r for r in selectors.shareable_referrals(episode=locked)},
        "referrals",
        errors,
    )
    recommended = d.treatment_requirements or d.youth_requirements
    nothing = not (findings or referrals or d.summary or d.recommendations or recommended)
    if nothing and d.psychiatric_report == PsychiatricReport.NOT_STATED and "findings" not in errors:
        errors["findings"] = "Select the findings, referrals or recommendations to share, or write a summary"
    if errors:
        raise Invalid("There is a problem with the share", errors=errors)
    return Selection(
        findings,
        referrals,
        d.summary,
        list(d.treatment_requirements),
        d.psychiatric_report,
        d.recommendations,
        list(d.youth_requirements),
    )


_OVERRIDES = (
    "overriding public interest, safeguarding, vital interests, a court order, a named statute or best interests"
)


def _check_caldicott(errors: dict[str, str], d: ShareDetails, at: datetime) -> None:
    """Caldicott principle 8: inform the person (or say why not); and the Guardian's advice."""
    if d.caldicott_consulted is None:
        errors["caldicott_consulted"] = "Say whether the Caldicott Guardian was consulted"
    elif d.caldicott_consulted:
        if not d.caldicott_guardian:
            errors["caldicott_guardian"] = "Enter the Caldicott Guardian (or deputy) consulted"
        _too_long(errors, "caldicott_guardian", d.caldicott_guardian, 160, "The Caldicott Guardian's name")
        if d.caldicott_consulted_at is None:
            errors["caldicott_consulted_at"] = "Enter when the Caldicott Guardian was consulted"
        elif d.caldicott_consulted_at > at:
            errors["caldicott_consulted_at"] = "The Caldicott Guardian must have been consulted before sharing"
    elif not d.caldicott_not_consulted_reason:
        errors["caldicott_not_consulted_reason"] = "Enter why the Caldicott Guardian was not consulted"
    if d.person_informed is None:
        errors["person_informed"] = "Say whether the person was told that their information is being shared"
    elif not d.person_informed and not d.person_not_informed_reason:
        errors["person_not_informed_reason"] = "Enter why the person was not told"


def _check_override(errors: dict[str, str], d: ShareDetails, verdict: selectors.ConsentVerdict) -> None:
    if d.override_kind == OverrideKind.LEGAL_DUTY:
        errors["override_kind"] = "Name the law: select a court order or the statute that requires sharing"
    elif d.override_kind not in OverrideKind.values:
        errors["override_kind"] = "Select why you are sharing without consent"
    elif d.override_kind == OverrideKind.BEST_INTERESTS and verdict.reason not in ("best_interests", "deferred"):
        errors["override_kind"] = (
            "Best interests needs a recorded judgement that the person lacks capacity (or that it is temporarily "
            "impaired) for this share: record it under consent first"
        )
    if d.override_kind == OverrideKind.STATUTE and not d.override_statute:
        errors["override_statute"] = "Enter the statute that requires sharing, for example Children Act 2004, s.11"
    elif d.override_kind != OverrideKind.STATUTE and d.override_statute:
        errors["override_statute"] = "Only name a statute when a statute requires sharing"
    _too_long(errors, "override_statute", d.override_statute, 160, "The statute")
    if not d.override_reason:
        errors["override_reason"] = "Enter the reason for sharing without consent"
    if d.lawful_basis_6 == LawfulBasis6.CONSENT or d.lawful_basis_9 == LawfulBasis9.EXPLICIT_CONSENT:
        field = "lawful_basis_6" if d.lawful_basis_6 == LawfulBasis6.CONSENT else "lawful_basis_9"
        errors[field] = "Sharing without consent cannot rest on consent: select the basis the override rests on"
    allowed = CONFIDENTIALITY_OF_OVERRIDE.get(d.override_kind, ())
    if d.confidentiality_basis and allowed and d.confidentiality_basis not in allowed:
        labels = " or ".join(_label_of(ConfidentialityBasis, c).lower() for c in allowed)
        errors["confidentiality_basis"] = (
            f"Sharing for {_label_of(OverrideKind, d.override_kind).lower()} rests on {labels}"
        )


def _basis(locked: Episode, d: ShareDetails, at: datetime) -> Basis:
    """Consent in force for this (named) agency and purpose, or a complete override approved by
    a senior practitioner of the scheme (with the approver's role): never both, never neither."""
    verdict = selectors.consent_for_share(episode=locked, agency=d.agency, purpose=d.purpose, agency_name=d.agency_name)
    if verdict.valid and (d.overriding or d.about_the_override):
        raise Invalid(
            "There is consent in force for this share: do not record an override",
            errors={"override_kind": "There is consent in force for this agency and purpose: leave the override empty"},
        )
    if verdict.valid and verdict.consent is not None:
        if d.confidentiality_basis not in ("", ConfidentialityBasis.CONSENT):
            raise Invalid(
                "There is a problem with the share",
                errors={"confidentiality_basis": "A share with the person's consent rests on their consent"},
            )
        return Basis.of_consent(verdict.consent)
    if not d.overriding:
        raise ConsentRequired(
            f"{verdict.message} Record the person's consent, or record an override ({_OVERRIDES}) approved by a "
            "team lead or scheme manager.",
            reason=verdict.reason,
            agency=d.agency,
            purpose=d.purpose,
        )
    errors: dict[str, str] = {}
    role = ""
    _check_override(errors, d, verdict)
    if d.override_approver is None:
        errors["override_approver"] = "Select the team lead or scheme manager who approved sharing"
    elif not (role := _senior_role(d.override_approver, locked.scheme_id)):
        errors["override_approver"] = "The approver must be a team lead or scheme manager of this scheme"
    _check_caldicott(errors, d, at)
    if errors:
        raise Invalid("There is a problem with the override", errors=errors)
    confidentiality = d.confidentiality_basis or CONFIDENTIALITY_OF_OVERRIDE[d.override_kind][0]
    return Basis(None, role, confidentiality)


def _write(
    *, by: User, locked: Episode, d: ShareDetails, chosen: Selection, basis: Basis, at: datetime | None
) -> InformationShare:
    """The event, then the share with the snapshot of exactly what was chosen."""
    share_id = uuid.uuid4()
    event = take_step(episode=locked, kind=SHARE, by=by, occurred_at=at, data=share_payload(share_id, d, chosen, basis))
    fields = share_fields(
        share_id=share_id, episode=locked, d=d, chosen=chosen, basis=basis, at=event.occurred_at, by=by,
        age=selectors.age_at_episode(locked), author_role=_author_role(by, locked.scheme_id),
    )  # fmt: skip
    return InformationShare.objects.create(event=event, **fields)


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
    basis = _basis(locked, d, occurred_at or clock.now())
    return _write(by=by, locked=locked, d=d, chosen=chosen, basis=basis, at=occurred_at)


__all__ = [
    "ConsentDetails",
    "ConsentRequired",
    "ShareDetails",
    "clock",
    "consent_payload",
    "consent_record",
    "consent_withdraw",
    "share_create",
]
