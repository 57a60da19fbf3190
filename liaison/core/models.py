"""Shared model pieces."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models

from liaison.core.events import EVENTS, EventType, Payload, PayloadInvalid


class AppendOnlyError(Exception):
    pass


_M = TypeVar("_M", bound=models.Model)


class AppendOnlyQuerySet(models.QuerySet[_M]):
    """Rows of an append-only table can be inserted and read, never changed or removed."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        # An upsert would rewrite existing rows.
        if kwargs.get("update_conflicts"):
            raise AppendOnlyError(f"{self.model.__name__} is append-only")
        objs = list(objs)
        # Event rows validate their payloads in bulk too (see `Event.validate_payload`).
        for obj in objs:
            if isinstance(obj, Event):
                obj.validate_payload()
        return super().bulk_create(objs, *args, **kwargs)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        # Always an INSERT: a new instance given an existing id would otherwise UPDATE that row.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} is append-only")


class Event(AppendOnlyModel):
    """The one base of every event table (the Warehouse pattern: a table per subject).

    `kind` is the tag (`subject:action`), `schema_version` the version of its payload model that
    `data` was validated against when it was written (see `liaison.core.events`). Saving validates
    the payload, so no writer can store a row its tag's model refuses.
    """

    kind = models.CharField(max_length=40)
    schema_version = models.PositiveSmallIntegerField(default=1)
    occurred_at = models.DateTimeField(help_text="When it happened, as the person recording it says")
    recorded_at = models.DateTimeField(help_text="When it was written down")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict)

    # Which stream of the contract the table holds: each tag declares the stream it belongs in.
    stream: ClassVar[str] = ""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            self.validate_payload()
        super().save(*args, **kwargs)

    @property
    def event_type(self) -> EventType:
        return EVENTS.get(self.kind)

    def validate_payload(self) -> None:
        event_type = EVENTS.get(self.kind)
        if event_type.stream != self.stream:
            raise PayloadInvalid(f"{self.kind} belongs in the {event_type.stream} stream, not {self.stream}")
        self.data = event_type.dump(self.data)
        self.schema_version = event_type.version

    def payload(self) -> Payload:
        """The payload in today's shape, whatever version it was written in."""
        return EVENTS.get(self.kind).read(self.data, self.schema_version)


class LoadedFile(models.Model):
    """One version of a reference framework as loaded from its file (`core/datafiles.py`): never
    changed after, so whatever points at it keeps meaning what it meant."""

    code = models.CharField(max_length=40)
    version = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    source = models.TextField()
    source_url = models.URLField(blank=True)
    note = models.TextField(blank=True)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the file's canonical JSON")
    loaded_at = models.DateTimeField()

    class Meta:
        abstract = True
        ordering = ["code", "-version"]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"
