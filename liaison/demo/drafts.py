"""An unsaved episode and its events, projected exactly as `pathway.actions` would project them.

The demo writes tens of thousands of events; calling the real actions one by one would take
minutes, so it builds rows in memory and saves them in bulk. Each step here asks the same stage
table (`pathway.stages`) and updates the projection with the one `apply` that `take_step` uses;
assessments and referrals are real rows whose events carry the payloads the real writers
build (with their own helpers). A test replays demo episodes through the real actions and
compares the results.

An event that names a row (`assessment_id`, `referral_id`) is built with a placeholder id: the
rows are saved first, their ids patched into the events (`Link`), and the events saved after.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db.models import Model

from liaison.accounts.models import User
from liaison.assessment.actions import AssessmentContent, assessed_payload, checked_content
from liaison.assessment.events import AMEND, ASSESS, DRAFT_AMEND, DRAFT_COMPLETE, DRAFT_START
from liaison.assessment.models import Assessment, AssessmentEvent, AssessmentStatus
from liaison.core.events import EventType
from liaison.demo.hours import LONDON
from liaison.demo.rows import new
from liaison.organisations.models import Site
from liaison.pathway.events import IDENTIFY, VOID
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.projection import apply, opened
from liaison.pathway.stages import Step, allows
from liaison.people.codes import age_on
from liaison.people.models import Person
from liaison.referrals.actions import referral_about
from liaison.referrals.codes import ReferralStatus
from liaison.referrals.events import REFER
from liaison.referrals.models import Referral, Service
from liaison.screening.events import SCREEN
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from liaison.sharing.actions import ConsentDetails
from liaison.sharing.codes import ConsentScope
from liaison.sharing.events import CONSENT_RECORD
from liaison.sharing.models import Consent, InformationShare
from liaison.sharing.rows import consent_fields, consent_payload

# Stands in for a row's id in an event's payload until the row is saved (a valid int).
PLACEHOLDER = 0


@dataclass
class Late:
    """An event that names findings or events by id (a share, a decision on a finding): saved
    after the findings, once `patch` has put their ids into its payload (and the share's snapshot)."""

    event: PathwayEvent
    patch: Callable[[], None]


@dataclass
class Link:
    """An event that names rows saved before it: `ids` maps payload keys to the rows, and
    `row` (an Assessment or Referral) points back at the event once that is saved."""

    event: PathwayEvent
    row: Assessment | Referral
    ids: dict[str, Model] = field(default_factory=dict)

    def patch(self) -> None:
        for key, row in self.ids.items():
            self.event.data[key] = row.pk


class EpisodeDraft:
    def __init__(
        self,
        *,
        episode_id: Any,
        person: Person,
        site: Site,
        point_of_contact: str,
        referral_source: str,
        alerted_by: str,
        concerns: list[str],
        concerns_note: str,
        target_minutes: int,
        at: datetime,
        recorded_at: datetime,
        by: User,
    ) -> None:
        # In UTC, as the episode reads back from the database: a share's snapshot writes the
        # time of the identification as text, offset and all.
        at = at.astimezone(UTC)
        payload = IDENTIFY.dump(
            {
                "point_of_contact": point_of_contact,
                "referral_source": referral_source,
                "alerted_by": alerted_by,
                "concerns": sorted(set(concerns)),
                "concerns_note": concerns_note,
                # The local date: someone identified at 00:30 on their birthday has had it.
                "age_band": person.age_band_on(at.astimezone(LONDON).date()),
            }
        )
        state = opened(at=at, site_id=site.pk, payload=payload)
        # The projection the episode row holds: every change goes through `take`, so it is kept
        # here rather than read back off the row at each step.
        self._projection = state
        self.episode = new(
            Episode,
            id=episode_id,
            person=person,
            # The row as well as its id: a share's snapshot names the scheme.
            scheme=site.scheme,
            target_minutes=target_minutes,
            created_by=by,
            **state.columns(),
        )
        # The site rows as well as the projection's ids (the same), for the simulation's reading.
        assert state.site_id == state.current_site_id == site.pk
        self.episode.site = self.episode.current_site = site
        self.events: list[PathwayEvent] = []
        self.voids: list[PathwayEvent] = []
        self.findings: list[Finding] = []
        self.assessments: list[Assessment] = []
        self.assessment_edits: list[AssessmentEvent] = []
        self.referrals: list[Referral] = []
        self.consents: list[Consent] = []
        self.instrument_responses: list[InstrumentResponse] = []
        self.shares: list[InformationShare] = []
        self.late: list[Late] = []
        self.links: list[Link] = []
        self.last_at = at
        self._event(IDENTIFY, at=at, recorded_at=recorded_at, by=by, site=site, stage_after=state.stage, data=payload)

    @property
    def stage(self) -> str:
        return self.episode.stage

    def allows(self, step: Step) -> bool:
        return allows(self.episode.stage, step)

    def take(
        self,
        kind: EventType,
        *,
        at: datetime,
        recorded_at: datetime,
        by: User,
        data: dict[str, Any],
        site: Site | None = None,
        voids: PathwayEvent | None = None,
        late: bool = False,
    ) -> PathwayEvent:
        """One step, applied with the one projection `take_step` uses; a `late` one is saved after
        the findings (its caller adds its `Late`)."""
        e = self.episode
        assert at >= self.last_at, "demo events must come in order"
        payload = kind.dump(data)
        before = self._projection
        after = apply(before, kind, at=at, site_id=(site or e.current_site).pk, payload=payload, voided=voids)
        self._projection = after
        # `after.differences(before)`, read straight off the two projections' attributes.
        old = vars(before)
        for name, value in vars(after).items():
            if old[name] != value:
                setattr(e, name, value)
        if site is not None:
            assert after.current_site_id == site.pk
            e.current_site = site  # the row as well as the projection's id
        self.last_at = at
        return self._event(
            kind, at=at, recorded_at=recorded_at, by=by, site=site or e.current_site, stage_after=after.stage,
            data=payload, voids=voids, late=late,
        )  # fmt: skip

    def service_consent(self, d: ConsentDetails, *, at: datetime, recorded_at: datetime, by: User) -> Consent:
        """As `consent_record` for the service itself, or for research: its `consent:record` event
        and the Consent. The id comes from the episode's, so the demo stays the same for a seed."""
        assert d.scope in (ConsentScope.SERVICE, ConsentScope.RESEARCH)
        consent_id = uuid.uuid5(uuid.UUID(str(self.episode.pk)), f"{d.scope}-consent")
        event = self.take(CONSENT_RECORD, at=at, recorded_at=recorded_at, by=by, data=consent_payload(consent_id, d))
        person = self.episode.person
        consent = new(
            Consent,
            id=consent_id,
            person=person,
            episode=self.episode,
            event=event,
            given_at=at,
            recorded_by=by,
            recorded_at=recorded_at,
            age_at_episode=age_on(person.date_of_birth, self.episode.identified_at.astimezone(LONDON).date()),
            **consent_fields(d),
        )
        self.consents.append(consent)
        return consent

    def void(self, event: PathwayEvent, *, at: datetime, recorded_at: datetime, by: User, reason: str) -> None:
        """As `entry_void`: a void event, and the voided screening's findings marked voided."""
        self.take(
            VOID,
            at=at,
            recorded_at=recorded_at,
            by=by,
            data={"reason": reason, "voided_kind": event.kind},
            voids=event,
        )
        for f in self.findings:
            if f.event is event:
                f.voided_at, f.voided_by, f.void_reason = at, by, reason

    def assess(self, content: AssessmentContent, *, at: datetime, recorded_at: datetime, by: User) -> PathwayEvent:
        """As `assessment_start` then `assessment_complete`: a draft written at the assessment and
        completed when it is recorded, a completed Assessment and its `episode:assess` event."""
        assert not self.assessments, "a second assessment is an amendment"
        stored = checked_content(content, complete=True)
        a = new(
            Assessment,
            episode=self.episode,
            author=by,
            status=AssessmentStatus.COMPLETED,
            created_at=at,
            updated_at=recorded_at,
            completed_at=at,
            **stored,
        )
        event = self.take(
            ASSESS, at=at, recorded_at=recorded_at, by=by, data=self._placeheld(assessed_payload(a, stored))
        )
        self.assessments.append(a)
        self.links.append(Link(event, a, {"assessment_id": a}))
        self._edit(a, DRAFT_START, at, by, [k for k, v in stored.items() if v])
        self._edit(a, DRAFT_COMPLETE, recorded_at, by, [])
        return event

    def amend(
        self, content: AssessmentContent, *, reason: str, at: datetime, recorded_at: datetime, by: User
    ) -> PathwayEvent:
        """As `assessment_amend`: a new completed version replacing the latest, which is kept."""
        old = self.assessments[-1]
        stored = checked_content(content, complete=True)
        amended = new(
            Assessment,
            episode=self.episode,
            version=old.version + 1,
            replaces=old,
            amend_reason=reason.strip(),
            author=by,
            status=AssessmentStatus.COMPLETED,
            created_at=recorded_at,
            updated_at=recorded_at,
            completed_at=at,
            **stored,
        )
        data = {
            **self._placeheld(assessed_payload(amended, stored)),
            "replaces_id": PLACEHOLDER,
            "replaces_version": old.version,
            "reason": reason.strip(),
        }
        event = self.take(AMEND, at=at, recorded_at=recorded_at, by=by, data=data)
        self.assessments.append(amended)
        self.links.append(Link(event, amended, {"assessment_id": amended, "replaces_id": old}))
        self._edit(amended, DRAFT_AMEND, recorded_at, by, [k for k, v in stored.items() if v != getattr(old, k)])
        return event

    def refer(
        self, service: Service, *, urgency: str, reason: str, at: datetime, recorded_at: datetime, by: User
    ) -> PathwayEvent:
        """As `referral_make`: a Referral to a directory service and its `episode:refer` event."""
        assert service.scheme_id == self.episode.scheme_id and service.active
        assert service.takes_age(age_on(self.episode.person.date_of_birth, at.astimezone(LONDON).date()))
        r = new(
            Referral,
            episode=self.episode,
            service=service,
            status=ReferralStatus.MADE,
            urgency=urgency,
            reason=reason.strip(),
            made_at=at,
            made_by=by,
            status_changed_at=at,
        )
        data = {**self._placeheld(referral_about(r, ReferralStatus.MADE)), "urgency": urgency, "reason": r.reason}
        event = self.take(REFER, at=at, recorded_at=recorded_at, by=by, data=data)
        self.referrals.append(r)
        self.links.append(Link(event, r, {"referral_id": r}))
        return event

    @staticmethod
    def _placeheld(data: dict[str, Any]) -> dict[str, Any]:
        """The writer's payload for a row not saved yet (its id None), with a placeholder id."""
        return {k: PLACEHOLDER if k in ("assessment_id", "referral_id") and v is None else v for k, v in data.items()}

    def _edit(self, a: Assessment, kind: EventType, at: datetime, by: User, fields: list[str]) -> None:
        """The assessment's own audit row, as the actions' `_audit` writes it."""
        self.assessment_edits.append(
            new(
                AssessmentEvent,
                assessment=a,
                kind=kind.tag,
                occurred_at=at,
                recorded_at=at,
                actor=by,
                data={"version": a.version, "fields": fields},
            )
        )

    def _event(
        self,
        kind: EventType,
        *,
        at: datetime,
        recorded_at: datetime,
        by: User,
        site: Site,
        stage_after: str,
        data: dict[str, Any],
        voids: PathwayEvent | None = None,
        late: bool = False,
    ) -> PathwayEvent:
        event = new(
            PathwayEvent,
            episode=self.episode,
            kind=kind.tag,
            # As `save` sets it: the national build writes rows without it.
            schema_version=kind.version,
            occurred_at=at,
            recorded_at=recorded_at,
            actor=by,
            site=site,
            stage_after=stage_after,
            data=data,
            voids=voids,
        )
        # Void events point at rows saved before them, so they are saved in a second pass.
        # Void events point at rows saved before them, so they are saved in a second pass; late
        # ones in a third, after the findings.
        if not late:
            (self.voids if voids is not None else self.events).append(event)
        if kind is SCREEN:
            self.findings += [
                new(
                    Finding,
                    episode=self.episode,
                    event=event,
                    domain=f["domain"],
                    status=f["status"],
                    source=f["source"],
                    note=f["note"],
                    decided_by=by,
                    recorded_at=recorded_at,
                )
                for f in data["findings"]
            ]
        return event
