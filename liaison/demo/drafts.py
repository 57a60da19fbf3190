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
from liaison.core.events import EventType
from liaison.demo.hours import LONDON
from liaison.organisations.models import Site
from liaison.pathway.events import IDENTIFY, VOID
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.projection import Projection, apply, opened
from liaison.pathway.stages import Step, allows
from liaison.people.models import Person
from liaison.screening.events import SCREEN
from liaison.screening.models import Finding


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
        self.episode = Episode(
            id=episode_id,
            person=person,
            scheme_id=site.scheme_id,
            target_minutes=target_minutes,
            created_by=by,
            **state.columns(),
        )
        self.episode.site = self.episode.current_site = site
        self.events: list[PathwayEvent] = []
        self.voids: list[PathwayEvent] = []
        self.findings: list[Finding] = []
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
    ) -> PathwayEvent:
        """One step, applied with the one projection `take_step` uses."""
        e = self.episode
        assert at >= self.last_at, "demo events must come in order"
        payload = kind.dump(data)
        after = apply(Projection.of(e), kind, at=at, site_id=(site or e.current_site).pk, payload=payload)
        for name in after.differences(Projection.of(e)):
            setattr(e, name, getattr(after, name))
        if site is not None:
            e.current_site = site  # the row as well as its id, for the simulation's own reading
        self.last_at = at
        return self._event(
            kind, at=at, recorded_at=recorded_at, by=by, site=site or e.current_site, stage_after=after.stage,
            data=payload, voids=voids,
        )  # fmt: skip

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
    ) -> PathwayEvent:
        event = PathwayEvent(
            episode=self.episode,
            kind=kind.tag,
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
        if kind is SCREEN:
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
