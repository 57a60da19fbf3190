"""What a consent, a withdrawal and a share write: their events' payloads and their rows' columns.

Built here once, for the actions and for the demo, which saves the same rows in bulk without
calling the actions (`liaison.demo.drafts`): neither can write a share the other would not.
Nothing here reads the database; the actions check and lock first, then write what these give.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from liaison.accounts.models import User
from liaison.pathway.models import Episode
from liaison.sharing.codes import REPORT_KIND_OF_AGENCY, ConfidentialityBasis, ShareBasis
from liaison.sharing.models import Consent
from liaison.sharing.reports import Lawful, Recipient, Selection, snapshot

if TYPE_CHECKING:
    from liaison.sharing.actions import ConsentDetails, ShareDetails


def consent_payload(consent_id: uuid.UUID, d: ConsentDetails) -> dict[str, Any]:
    """The `consent:record` payload."""
    return {
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
        "child_route": d.child_route,
        "appropriate_adult_name": d.appropriate_adult_name,
        "appropriate_adult_role": d.appropriate_adult_role,
        "seek_consent_by": d.seek_consent_by.isoformat() if d.seek_consent_by else None,
    }


def consent_fields(d: ConsentDetails) -> dict[str, Any]:
    """The Consent's columns that come from the decision as given (the rest: who, when, where)."""
    return {
        "scope": d.scope,
        "agency": d.agency,
        "agency_name": d.agency_name,
        "purpose": d.purpose,
        "decision": d.decision,
        "method": d.method,
        "capacity_in_doubt": d.capacity_in_doubt,
        "capacity_judged_by": d.capacity_judged_by,
        "capacity_outcome": d.capacity_outcome,
        "capacity_note": d.capacity_note,
        "best_interests_reason": d.best_interests_reason,
        "seek_consent_by": d.seek_consent_by,
        "guardian_name": d.guardian_name,
        "guardian_relationship": d.guardian_relationship,
        "child_route": d.child_route,
        "child_route_reason": d.child_route_reason,
        "appropriate_adult_name": d.appropriate_adult_name,
        "appropriate_adult_role": d.appropriate_adult_role,
        "note": d.note,
    }


def withdrawal_payload(consent: Consent, *, note: str, ended: list[Consent]) -> dict[str, Any]:
    """The `consent:withdraw` payload: the consent withdrawn and the others in its scope it ends."""
    return {
        "consent_id": str(consent.pk),
        "scope": consent.scope,
        "agency": consent.agency,
        "purpose": consent.purpose,
        "agency_name": consent.agency_name,
        "note": note.strip(),
        "ended_consent_ids": [str(c.pk) for c in ended],
    }


@dataclass(frozen=True)
class Basis:
    """What a share rests on: the consent, or the override's approver's role; and the common-law
    basis (given, or the usual one for the consent or the override)."""

    consent: Consent | None
    approver_role: str
    confidentiality: str

    @classmethod
    def of_consent(cls, consent: Consent) -> Basis:
        return cls(consent, "", ConfidentialityBasis.CONSENT)


def share_payload(share_id: uuid.UUID, d: ShareDetails, chosen: Selection, basis: Basis) -> dict[str, Any]:
    """The `share:make` payload."""
    consent = basis.consent
    return {
        "share_id": str(share_id),
        "agency": d.agency,
        "agency_name": d.agency_name,
        "recipient_name": d.recipient_name,
        "purpose": d.purpose,
        "channel": d.channel,
        "basis": ShareBasis.CONSENT if consent else ShareBasis.OVERRIDE,
        "consent_id": str(consent.pk) if consent else None,
        "override_kind": "" if consent else d.override_kind,
        "override_approved_by": None if consent or d.override_approver is None else d.override_approver.pk,
        "override_statute": "" if consent else d.override_statute,
        "caldicott_consulted": None if consent else d.caldicott_consulted,
        "person_informed": None if consent else d.person_informed,
        "lawful_basis_6": d.lawful_basis_6,
        "lawful_basis_9": d.lawful_basis_9,
        "schedule1_condition": d.schedule1_condition,
        "confidentiality_basis": basis.confidentiality,
        "finding_ids": [f.pk for f in chosen.findings],
        "referral_event_ids": [r.event.pk for r in chosen.referrals],
    }


def override_fields(d: ShareDetails, basis: Basis) -> dict[str, Any]:
    """The override's own columns (statute, Caldicott advice, informing the person); empty with consent."""
    if basis.consent is not None:
        return {}
    return {
        "override_kind": d.override_kind,
        "override_reason": d.override_reason,
        "override_approved_by": d.override_approver,
        "override_statute": d.override_statute,
        "caldicott_consulted": d.caldicott_consulted,
        "caldicott_guardian": d.caldicott_guardian if d.caldicott_consulted else "",
        "caldicott_consulted_at": d.caldicott_consulted_at if d.caldicott_consulted else None,
        "caldicott_not_consulted_reason": "" if d.caldicott_consulted else d.caldicott_not_consulted_reason,
        "person_informed": d.person_informed,
        "person_not_informed_reason": "" if d.person_informed else d.person_not_informed_reason,
    }


def share_fields(
    *,
    share_id: uuid.UUID,
    episode: Episode,
    d: ShareDetails,
    chosen: Selection,
    basis: Basis,
    at: datetime,
    by: User,
    age: int | None,
    author_role: str,
) -> dict[str, Any]:
    """The InformationShare's columns but its event, with the snapshot of exactly what was chosen."""
    report = REPORT_KIND_OF_AGENCY[d.agency]
    override = override_fields(d, basis)
    content = snapshot(
        episode=episode,
        selection=chosen,
        kind=report,
        recipient=Recipient(d.agency, d.agency_name, d.recipient_name, d.purpose),
        lawful=Lawful(d.lawful_basis_6, d.lawful_basis_9, d.schedule1_condition, basis.confidentiality),
        channel=d.channel,
        at=at,
        by=by,
        consent=basis.consent,
        override=override,
        approver_role=basis.approver_role,
        age=age,
        author_role=author_role,
        court={"case_number": d.court_case_number, "hearing_date": d.hearing_date and d.hearing_date.isoformat()},
    )
    return {
        "id": share_id, "person": episode.person, "episode": episode, "agency": d.agency,
        "agency_name": d.agency_name, "recipient_name": d.recipient_name, "purpose": d.purpose,
        "lawful_basis_6": d.lawful_basis_6, "lawful_basis_9": d.lawful_basis_9,
        "schedule1_condition": d.schedule1_condition, "confidentiality_basis": basis.confidentiality,
        "channel": d.channel, "shared_at": at, "shared_by": by,
        "basis": ShareBasis.CONSENT if basis.consent else ShareBasis.OVERRIDE, "consent": basis.consent,
        "report_kind": report, "report_version": content["template"]["version"], "snapshot": content, **override,
    }  # fmt: skip
