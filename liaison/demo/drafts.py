"""An unsaved episode and its events, projected exactly as `pathway.actions` would project them.

The demo writes tens of thousands of events; calling the real actions one by one would take
minutes, so it builds rows in memory and saves them in bulk. Each step here asks the same stage
table (`pathway.stages`) and updates the projection the way `take_step` does; a test replays
every demo episode through the real actions and compares the results.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from liaison.accounts.models import User
from liaison.demo.hours import LONDON
from liaison.organisations.models import Site
from liaison.pathway.models import Episode, EventKind, PathwayEvent
from liaison.pathway.stages import Stage, Step, allows, next_stage
from liaison.people.models import Person
from liaison.screening.models import Finding

_FIRST_TIME = {EventKind.SCREEN: "screened_at", EventKind.ASSESS: "assessed_at", EventKind.REFER: "referred_at"}


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
        self.episode = Episode(
            id=episode_id,
            person=person,
            scheme_id=site.scheme_id,
            site=site,
            current_site=site,
            point_of_contact=point_of_contact,
            referral_source=referral_source,
            alerted_by=alerted_by,
            concerns=sorted(set(concerns)),
            concerns_note=concerns_note,
            # The local date: someone identified at 00:30 on their birthday has had it.
            age_band=person.age_band_on(at.astimezone(LONDON).date()),
            stage=Stage.IDENTIFIED,
            target_minutes=target_minutes,
            identified_at=at,
            created_by=by,
        )
        self.events: list[PathwayEvent] = []
        self.voids: list[PathwayEvent] = []
        self.findings: list[Finding] = []
        self.last_at = at
        e = self.episode
        self._event(
            EventKind.IDENTIFY,
            at=at,
            recorded_at=recorded_at,
            by=by,
            site=site,
            stage_after=Stage.IDENTIFIED,
            data={
                "point_of_contact": point_of_contact,
                "referral_source": referral_source,
                "alerted_by": alerted_by,
                "concerns": e.concerns,
                "concerns_note": concerns_note,
                "age_band": e.age_band,
            },
        )

    @property
    def stage(self) -> str:
        return self.episode.stage

    def allows(self, step: Step) -> bool:
        return allows(self.episode.stage, step)

    def take(
        self,
        step: Step,
        kind: EventKind,
        *,
        at: datetime,
        recorded_at: datetime,
        by: User,
        data: dict[str, Any],
        site: Site | None = None,
        voids: PathwayEvent | None = None,
    ) -> PathwayEvent:
        """One step, as `pathway.actions.take_step` takes it."""
        e = self.episode
        assert allows(e.stage, step), f"the demo tried {step} at stage {e.stage}"
        assert at >= self.last_at, "demo events must come in order"
        before = Stage(e.stage)
        after = next_stage(before, step)
        if step in (Step.REOPEN, Step.REENTER) and before == Stage.CLOSED:
            after = Stage(e.stage_before_closure or Stage.IDENTIFIED)
        e.stage = after
        first_time = _FIRST_TIME.get(kind)
        if first_time and getattr(e, first_time) is None:
            setattr(e, first_time, at)
        if after == Stage.CLOSED and before != Stage.CLOSED:
            e.stage_before_closure = before
            e.closed_at = at
        elif before == Stage.CLOSED and after != Stage.CLOSED:
            e.closed_at = None
        if site is not None:
            e.current_site = site
        if kind == EventKind.CLOSE:
            e.justice_outcome = data["justice_outcome"]
            e.sentence_type = data["sentence_type"]
            e.ld_outcome = data["ld_outcome"]
        self.last_at = at
        return self._event(
            kind, at=at, recorded_at=recorded_at, by=by, site=site or e.current_site, stage_after=after,
            data=data, voids=voids,
        )  # fmt: skip

    def void(self, event: PathwayEvent, *, at: datetime, recorded_at: datetime, by: User, reason: str) -> None:
        """As `entry_void`: a void event, and the voided screening's findings marked voided."""
        self.take(
            Step.VOID,
            EventKind.VOID,
            at=at,
            recorded_at=recorded_at,
            by=by,
            data={"reason": reason, "voided_kind": event.kind},
            voids=event,
        )
        for f in self.findings:
            if f.event is event:
                f.voided_at, f.voided_by, f.void_reason = at, by, reason

    def _event(
        self,
        kind: EventKind,
        *,
        at: datetime,
        recorded_at: datetime,
        by: User,
        site: Site,
        stage_after: str,
        data: dict[str, Any],
        voids: PathwayEvent | None = None,
    ) -> PathwayEvent:
        event = PathwayEvent(
            episode=self.episode,
            kind=kind,
            occurred_at=at,
            recorded_at=recorded_at,
            actor=by,
            site=site,
            stage_after=stage_after,
            data=data,
            voids=voids,
        )
        # Void events point at rows saved before them, so they are saved in a second pass.
        (self.voids if voids is not None else self.events).append(event)
        if kind == EventKind.SCREEN:
            self.findings += [
                Finding(
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
