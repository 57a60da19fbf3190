"""The steps alongside the pathway, on an unsaved episode: consents and their withdrawal, completed
instruments and the decisions on what they suggest, and information shares.

Each builds the event and the rows with the writer's own helpers (`sharing.rows`,
`instruments.actions.completed` and its companions), as `EpisodeDraft` does for the pathway, so
the demo writes what `consent_record`, `consent_withdraw`, `instrument_record`, `finding_decide`
and `share_create` would write; the replay test holds them to it. Ids are uuid5 of the episode's
id and what the row is, so the same seed gives the same rows.

A share's payload and snapshot, and a decision's, name findings and events by their integer ids,
known only once those are saved: such events are built with placeholders, saved after the
findings (`EpisodeDraft.late`), and `Late.patch` fills the ids in first.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from liaison.accounts.models import User
from liaison.demo.drafts import PLACEHOLDER, EpisodeDraft, Late
from liaison.demo.hours import LONDON
from liaison.demo.rows import new
from liaison.pathway.models import PathwayEvent
from liaison.people.codes import age_on
from liaison.referrals.events import REFER
from liaison.screening.events import FINDING_DECIDE, INSTRUMENT
from liaison.screening.instruments.actions import completed, finding_fields, instrument_payload, response_fields
from liaison.screening.instruments.catalogue import Instrument
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Decision, Finding
from liaison.sharing.actions import ConsentDetails, ShareDetails
from liaison.sharing.events import CONSENT_RECORD, CONSENT_WITHDRAW, SHARE
from liaison.sharing.models import Consent, InformationShare
from liaison.sharing.reports import Selection
from liaison.sharing.rows import Basis, consent_fields, consent_payload, share_fields, share_payload, withdrawal_payload
from liaison.sharing.selectors import ReferralLine, referral_lines


def row_id(d: EpisodeDraft, what: str) -> uuid.UUID:
    return uuid.uuid5(uuid.UUID(str(d.episode.pk)), what)


def age_at_episode(d: EpisodeDraft) -> int | None:
    """As `sharing.selectors.age_at_episode`: on the local date of the identification."""
    return age_on(d.episode.person.date_of_birth, d.episode.identified_at.astimezone(LONDON).date())


def consent(
    d: EpisodeDraft, details: ConsentDetails, *, what: str, at: datetime, recorded_at: datetime, by: User
) -> Consent:
    """As `consent_record`: the `consent:record` event and the Consent."""
    consent_id = row_id(d, what)
    event = d.take(CONSENT_RECORD, at=at, recorded_at=recorded_at, by=by, data=consent_payload(consent_id, details))
    row = new(
        Consent,
        id=consent_id,
        person=d.episode.person,
        episode=d.episode,
        event=event,
        given_at=at,
        recorded_by=by,
        recorded_at=recorded_at,
        age_at_episode=age_at_episode(d),
        **consent_fields(details),
    )
    d.consents.append(row)
    return row


def withdraw(d: EpisodeDraft, given: Consent, *, note: str, at: datetime, recorded_at: datetime, by: User) -> None:
    """As `consent_withdraw`, for the one standing consent in its scope (the demo asks once per scope)."""
    assert given.is_in_force
    event = d.take(
        CONSENT_WITHDRAW, at=at, recorded_at=recorded_at, by=by, data=withdrawal_payload(given, note=note, ended=[])
    )
    given.withdrawn_at, given.withdrawn_by, given.withdrawal_note = at, by, note.strip()
    given.withdraw_event = event


def instrument(
    d: EpisodeDraft,
    chosen: Instrument,
    answers: dict[str, Any],
    *,
    at: datetime,
    recorded_at: datetime,
    by: User,
) -> list[Finding]:
    """As `instrument_record`: its event, the response with the scorer's result, and the findings
    it writes (suggestions pending the practitioner's decision). Returns the suggestions."""
    c = completed(chosen, answers, age_band=d.episode.age_band)
    response_id = row_id(d, f"instrument-{len(d.instrument_responses)}")
    event = d.take(INSTRUMENT, at=at, recorded_at=recorded_at, by=by, data=instrument_payload(c, response_id))
    fields = response_fields(c, response_id=response_id, episode=d.episode, by=by, authored=at)
    d.instrument_responses.append(new(InstrumentResponse, event=event, recorded_at=recorded_at, **fields))
    made = [
        new(Finding, episode=d.episode, event=event, decided_by=by, recorded_at=recorded_at, **f)
        for f in finding_fields(c)
    ]
    d.findings += made
    return [f for f in made if f.decision == Decision.PENDING]


def decide(
    d: EpisodeDraft, finding: Finding, *, decision: str, reason: str, at: datetime, recorded_at: datetime, by: User
) -> None:
    """As `finding_decide`, accepting or rejecting a suggestion (the demo never changes its status)."""
    assert finding.decision == Decision.PENDING and decision in (Decision.CONFIRMED, Decision.REJECTED)
    data = {
        "finding_id": PLACEHOLDER, "domain": finding.domain, "decision": decision, "status_before": finding.status,
        "status": finding.status, "suggested_by": finding.suggested_by, "reason": reason.strip(),
    }  # fmt: skip
    event = d.take(FINDING_DECIDE, at=at, recorded_at=recorded_at, by=by, data=data, late=True)
    finding.decision, finding.decided_by, finding.decided_at = decision, by, at

    def patch() -> None:
        event.data["finding_id"] = finding.pk

    d.late.append(Late(event, patch))


def shareable_findings(d: EpisodeDraft) -> list[Finding]:
    """As `sharing.selectors.shareable_findings`: not voided, no suggestion pending or rejected."""
    standing = [
        f for f in d.findings if f.voided_at is None and f.decision not in (Decision.PENDING, Decision.REJECTED)
    ]
    return sorted(standing, key=lambda f: (f.domain, f.recorded_at))


def shareable_referrals(d: EpisodeDraft) -> list[ReferralLine]:
    """As `sharing.selectors.shareable_referrals`, read off the draft's events."""
    # Unsaved rows have no ids (nor hashes): compared by identity.
    voided = {id(v.voids) for v in d.voids}
    return referral_lines([e for e in d.events if e.kind == REFER.tag and id(e) not in voided])


def share(
    d: EpisodeDraft,
    details: ShareDetails,
    *,
    findings: list[Finding],
    referrals: list[ReferralLine],
    basis: Basis,
    at: datetime,
    recorded_at: datetime,
    by: User,
) -> InformationShare:
    """As `share_create`, for a share the draft has already checked: its event and the share with
    its snapshot. The author's role is their job title, as `_author_role` reads it (every demo
    user has one)."""
    assert by.job_title and (basis.consent is None) == bool(details.override_kind)
    chosen = Selection(
        findings, referrals, details.summary, list(details.treatment_requirements), details.psychiatric_report,
        details.recommendations, list(details.youth_requirements),
    )  # fmt: skip
    share_id = row_id(d, f"share-{len(d.shares)}")
    # The findings and referral events have no ids yet: placeholders until `Late.patch`.
    data = {
        **share_payload(share_id, details, chosen, basis),
        "finding_ids": [PLACEHOLDER] * len(findings),
        "referral_event_ids": [PLACEHOLDER] * len(referrals),
    }
    event = d.take(SHARE, at=at, recorded_at=recorded_at, by=by, data=data, late=True)
    row = new(
        InformationShare,
        event=event,
        **share_fields(
            share_id=share_id, episode=d.episode, d=details, chosen=chosen, basis=basis, at=at, by=by,
            age=age_at_episode(d), author_role=by.job_title,
        ),
    )  # fmt: skip
    d.shares.append(row)
    d.late.append(Late(event, _share_ids(event, row, findings, [r.event for r in referrals])))
    return row


def _share_ids(
    event: PathwayEvent, row: InformationShare, findings: list[Finding], referrals: list[PathwayEvent]
) -> Callable[[], None]:
    """Fills in the ids of the findings and referral events a share names, once they have them."""

    def patch() -> None:
        event.data["finding_ids"] = [f.pk for f in findings]
        event.data["referral_event_ids"] = [e.pk for e in referrals]
        for line, f in zip(row.snapshot["findings"], findings, strict=True):
            line["id"] = f.pk
        for line, e in zip(row.snapshot["referrals"], referrals, strict=True):
            line["event_id"] = e.pk

    return patch
