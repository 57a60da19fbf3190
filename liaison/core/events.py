"""The event contract: every tag, its typed payload, its schema version.

Events are the interface between the operational side and everything that reads history
(timelines, reporting, linkage, the programme module). Each app declares its tags in its own
`events.py` with `declare(...)`; the event tables (on `liaison.core.models.Event`) refuse to
store a payload its tag's model does not validate, so a bad payload is a programming error
caught by the tests, never a stored row. A schema change declares a new version and keeps the
old one readable with an `Upgrade` that turns an old payload into the current shape.

ADR 0008 says why it is built this way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, PlainSerializer, ValidationError

# A moment with its time zone, stored as Python's ISO 8601 (`+00:00`, not `Z`), as before the
# contract, so stored rows compare equal to `datetime.isoformat()`.
Instant = Annotated[AwareDatetime, PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json")]

# `subject:action`, or `subject:thing:action`, lower case with underscores.
_TAG = re.compile(r"^[a-z_]+(:[a-z_]+){1,2}$")


class Payload(BaseModel):
    """A payload model. Unknown keys are refused: a typo in a writer must fail, not be stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PayloadInvalid(Exception):
    """A writer produced a payload its tag's model refuses: a bug in the writer, not user input."""


class UnknownTag(Exception):
    pass


class NotUpgradable(Exception):
    """An old payload that today's shape cannot hold (a field it never had): it is read in its
    own version's shape instead, which still validates, so nothing stored becomes unreadable."""


@dataclass(frozen=True)
class Upgrade:
    """How an older version's payload is read: its model, and a function to today's shape."""

    model: type[Payload]
    to_next: Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class EventType:
    """One tag of the contract.

    `stream` names the event table the tag is written to (`episode`, `person`, `organisation`,
    `service`, `assessment`, `return`). For episode events, `step` is the stage-table step the event
    takes (None for identification, which opens the episode) and `marks` the projection's
    first-time field it sets; `voidable` says whether it holds clinical content that a void
    may strike out. `label` is how the tag reads to people.
    """

    tag: str
    label: str
    payload: type[Payload]
    stream: str
    version: int = 1
    voidable: bool = False
    step: str | None = None
    marks: str | None = None
    # Older versions, oldest first: {version: Upgrade to version + 1}.
    older: Mapping[int, Upgrade] = field(default_factory=dict)
    description: str = ""

    def __str__(self) -> str:
        return self.tag

    def dump(self, data: Mapping[str, Any] | Payload) -> dict[str, Any]:
        """The payload as it is stored: validated against this version's model, as JSON types."""
        try:
            model = data if isinstance(data, self.payload) else self.payload.model_validate(dict(data))
        except ValidationError as e:
            raise PayloadInvalid(f"{self.tag} v{self.version}: {e}") from None
        # Keys the writer did not give stay absent (read back as their defaults): the stored
        # shape is the writer's, so a reader can tell "not recorded" from "recorded empty".
        return model.model_dump(mode="json", exclude_unset=True)

    def read(self, data: Mapping[str, Any], version: int) -> Payload:
        """A stored payload of any version, in today's shape where it can take it."""
        current = dict(data)
        if version != self.version:
            if version not in self.older:
                raise PayloadInvalid(f"{self.tag} has no version {version}")
            for v in range(version, self.version):
                upgrade = self.older[v]
                try:
                    old = upgrade.model.model_validate(current)
                except ValidationError as e:
                    raise PayloadInvalid(f"{self.tag} v{v}: {e}") from None
                try:
                    current = upgrade.to_next(old.model_dump(mode="json", exclude_unset=True))
                except NotUpgradable:
                    return old
        try:
            return self.payload.model_validate(current)
        except ValidationError as e:
            raise PayloadInvalid(f"{self.tag} v{self.version}: {e}") from None

    def check_stored(self, data: Any, version: int) -> str | None:
        """Why a stored payload does not validate against the schema of the version it names."""
        if not isinstance(data, dict):
            return "the payload is not an object"
        model = self.payload if version == self.version else getattr(self.older.get(version), "model", None)
        if model is None:
            return f"{self.tag} has no version {version}"
        try:
            model.model_validate(data)
        except ValidationError as e:
            return str(e).replace("\n", " ")
        return None

    def schemas(self) -> dict[int, dict[str, Any]]:
        out = {v: u.model.model_json_schema() for v, u in sorted(self.older.items())}
        out[self.version] = self.payload.model_json_schema()
        return out


class Registry:
    """The tags of every app, declared at import time of each app's `events.py`."""

    def __init__(self) -> None:
        self._types: dict[str, EventType] = {}

    def declare(self, event_type: EventType) -> EventType:
        if not _TAG.match(event_type.tag):
            raise ValueError(f"{event_type.tag!r} is not a subject:action tag")
        if event_type.tag in self._types and self._types[event_type.tag] != event_type:
            raise ValueError(f"{event_type.tag} is declared twice")
        if set(event_type.older) != set(range(1, event_type.version)):
            raise ValueError(f"{event_type.tag} v{event_type.version} must keep every older version readable")
        self._types[event_type.tag] = event_type
        return event_type

    def get(self, tag: str) -> EventType:
        try:
            return self._types[tag]
        except KeyError:
            raise UnknownTag(f"no event type is declared for {tag!r}") from None

    def __contains__(self, tag: object) -> bool:
        return tag in self._types

    def all(self, stream: str | None = None) -> list[EventType]:
        return sorted((t for t in self._types.values() if stream in (None, t.stream)), key=lambda t: t.tag)

    def voidable(self) -> frozenset[str]:
        return frozenset(t.tag for t in self._types.values() if t.voidable)


EVENTS = Registry()


def declare(
    tag: str,
    payload: type[Payload],
    *,
    label: str,
    stream: str = "episode",
    version: int = 1,
    voidable: bool = False,
    step: str | None = None,
    marks: str | None = None,
    older: Mapping[int, Upgrade] | None = None,
    description: str = "",
) -> EventType:
    return EVENTS.declare(
        EventType(
            tag=tag,
            label=label,
            payload=payload,
            stream=stream,
            version=version,
            voidable=voidable,
            step=step,
            marks=marks,
            older=dict(older or {}),
            description=description or (payload.__doc__ or "").strip(),
        )
    )


def catalogue(types: Iterable[EventType] | None = None) -> dict[str, Any]:
    """The published document: every tag, its stream, version and JSON Schema (older ones too)."""
    return {
        "contract": "liaison-events",
        "events": [
            {
                "tag": t.tag,
                "label": t.label,
                "stream": t.stream,
                "version": t.version,
                "voidable": t.voidable,
                "step": t.step,
                "description": t.description,
                "schema": t.payload.model_json_schema(),
                "older_versions": [
                    {"version": v, "schema": u.model.model_json_schema()} for v, u in sorted(t.older.items())
                ],
            }
            for t in (EVENTS.all() if types is None else types)
        ],
    }


def tombstone(disposal_id: int) -> dict[str, int]:
    """What a reviewed disposal leaves of an event's payload (ADR 0027): which disposal it was."""
    return {"disposed": disposal_id}


def is_tombstone(data: object) -> bool:
    return isinstance(data, dict) and set(data) == {"disposed"}
