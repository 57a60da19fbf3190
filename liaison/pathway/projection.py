"""The one projection of an episode's events: stage, first times, closure, outcomes, urgency.

`apply` is a pure function of the projection so far and one event; `project` folds a whole
history with it. `take_step` applies each new event to the stored projection, the demo builds
its episodes with the same function, and `liaison events verify` (and later reporting) replays
the stored events through it, so the three cannot drift apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, Protocol

from liaison.core.events import EVENTS, EventType
from liaison.core.vocabulary import RETIRED_VULNERABILITIES
from liaison.pathway.stages import Stage, Step, allows, next_stage

_OUTCOMES = ("justice_outcome", "sentence_type", "ld_outcome")


class StoredEvent(Protocol):
    pk: Any
    kind: str
    schema_version: int
    occurred_at: datetime
    site_id: int
    data: Any
    voids_id: Any


class StepRefused(Exception):
    """The stage table does not allow the event's step at the projection's stage."""

    def __init__(self, stage: str, step: str) -> None:
        super().__init__(f"stage {stage} does not allow {step}")
        self.stage, self.step = stage, step


@dataclass(frozen=True)
class Projection:
    """What the episode row keeps of its events (the columns of `Episode` below `person`)."""

    site_id: int
    point_of_contact: str
    referral_source: str
    alerted_by: str
    concerns: tuple[str, ...]
    concerns_note: str
    age_band: str
    identified_at: datetime
    current_site_id: int
    alerted_by_code: str = ""
    stage: str = Stage.IDENTIFIED
    stage_before_closure: str = ""
    screened_at: datetime | None = None
    assessed_at: datetime | None = None
    referred_at: datetime | None = None
    closed_at: datetime | None = None
    justice_outcome: str = ""
    sentence_type: str = ""
    ld_outcome: str = ""
    # How soon L&D acts, from the latest screening still standing ("" before any), for the
    # worklist's tag without reading events. Each standing screening's (UTC time, urgency),
    # oldest first, is kept beside it: voiding the latest goes back to the one before.
    urgency: str = ""
    screening_urgencies: tuple[tuple[str, str], ...] = ()

    @classmethod
    @cache  # read on every step of every episode: the demo's national build takes ten million
    def fields(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def of(cls, episode: Any) -> Projection:
        """The projection an episode row holds now."""
        values = {name: getattr(episode, name) for name in cls.fields()}
        values["concerns"] = tuple(values["concerns"] or ())
        values["screening_urgencies"] = tuple((at, u) for at, u in values["screening_urgencies"] or ())
        return cls(**values)

    def columns(self) -> dict[str, Any]:
        """The projection as the episode row's column values."""
        values = {name: getattr(self, name) for name in self.fields()}
        values["concerns"] = list(self.concerns)
        values["screening_urgencies"] = [list(pair) for pair in self.screening_urgencies]
        return values

    def differences(self, other: Projection) -> dict[str, tuple[Any, Any]]:
        return {
            name: (getattr(self, name), getattr(other, name))
            for name in self.fields()
            if getattr(self, name) != getattr(other, name)
        }


def opened(*, at: datetime, site_id: int, payload: Mapping[str, Any]) -> Projection:
    """The projection of an identification: the episode opens."""
    return Projection(
        site_id=site_id,
        point_of_contact=payload["point_of_contact"],
        referral_source=payload["referral_source"],
        alerted_by=payload["alerted_by"],
        alerted_by_code=payload.get("alerted_by_code", ""),
        # Young person and woman were concerns once; they are flags on the episode now.
        concerns=tuple(sorted({c for c in payload.get("concerns", ()) if c not in RETIRED_VULNERABILITIES})),
        concerns_note=payload.get("concerns_note", ""),
        age_band=payload["age_band"],
        identified_at=at,
        current_site_id=site_id,
    )


def _urgency_of(event_type: EventType, at: datetime, payload: Mapping[str, Any]) -> tuple[str, str] | None:
    """A screening step's (UTC time, urgency), where it records one (the core screen does, a
    PHQ-9 does not)."""
    urgency = payload.get("urgency") if event_type.step == Step.SCREEN else None
    return (at.astimezone(UTC).isoformat(), urgency) if urgency else None


def _with_urgencies(state: Projection, standing: tuple[tuple[str, str], ...]) -> Projection:
    return dataclasses.replace(state, screening_urgencies=standing, urgency=standing[-1][1] if standing else "")


def strike(state: Projection, voided: StoredEvent) -> Projection:
    """The projection once `voided` no longer stands: only the urgency can change (a voided
    screening still dated the first screening, and the stage stays)."""
    event_type = EVENTS.get(voided.kind)
    payload = event_type.read(voided.data, voided.schema_version).model_dump(mode="python")
    entry = _urgency_of(event_type, voided.occurred_at, payload)
    standing = list(state.screening_urgencies)
    if entry is None or entry not in standing:
        return state
    # The last equal entry: two screenings at one minute with one urgency are interchangeable.
    del standing[len(standing) - 1 - standing[::-1].index(entry)]
    return _with_urgencies(state, tuple(standing))


def apply(
    state: Projection,
    event_type: EventType,
    *,
    at: datetime,
    site_id: int,
    payload: Mapping[str, Any],
    voided: StoredEvent | None = None,
) -> Projection:
    """The projection after one event; a void names the event it strikes out (`voided`).
    Voids and notes never move the stage or the first times."""
    if event_type.step is None:
        raise ValueError(f"{event_type.tag} opens an episode; it is not a step")
    step = Step(event_type.step)
    if not allows(state.stage, step):
        raise StepRefused(state.stage, step)
    before = Stage(state.stage)
    after = next_stage(before, step)
    if step in (Step.REOPEN, Step.REENTER) and before == Stage.CLOSED:
        # Both return the episode to the stage it had reached before closure.
        after = Stage(state.stage_before_closure or Stage.IDENTIFIED)
    changes: dict[str, Any] = {"stage": after.value, "current_site_id": site_id}
    if event_type.marks and getattr(state, event_type.marks) is None:
        changes[event_type.marks] = at
    if after == Stage.CLOSED and before != Stage.CLOSED:
        changes.update(stage_before_closure=before.value, closed_at=at)
        changes.update({name: payload.get(name, "") for name in _OUTCOMES})
    elif before == Stage.CLOSED and after != Stage.CLOSED:
        # Reopened or re-entered: the outcomes belonged to the closure that no longer stands.
        changes.update(closed_at=None, **dict.fromkeys(_OUTCOMES, ""))
    after_step = dataclasses.replace(state, **changes)
    if (entry := _urgency_of(event_type, at, payload)) is not None:
        return _with_urgencies(after_step, (*state.screening_urgencies, entry))
    return strike(after_step, voided) if voided is not None else after_step


def project(events: Iterable[StoredEvent]) -> Projection:
    """Fold an episode's stored events, oldest first, into its projection."""
    state: Projection | None = None
    seen: dict[Any, StoredEvent] = {}
    # A void is dated when it is recorded; an entry dated a few minutes ahead (a drifting
    # terminal clock) can be voided before its own time, so it is struck out when it comes.
    struck_early: set[Any] = set()
    for e in events:
        event_type = EVENTS.get(e.kind)
        payload = event_type.read(e.data, e.schema_version).model_dump(mode="python")
        if state is None:
            if event_type.step is not None:
                raise ValueError(f"an episode's first event must open it, not {e.kind}")
            state = opened(at=e.occurred_at, site_id=e.site_id, payload=payload)
        else:
            voided = seen.get(e.voids_id) if e.voids_id is not None else None
            if e.voids_id is not None and voided is None:
                struck_early.add(e.voids_id)
            state = apply(state, event_type, at=e.occurred_at, site_id=e.site_id, payload=payload, voided=voided)
            if e.pk in struck_early:
                state = strike(state, e)
        seen[e.pk] = e
    if state is None:
        raise ValueError("an episode has at least one event")
    return state
