"""Who looked at whose record, and why: append-only."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liaison.core.models import AppendOnlyModel
from liaison.organisations.models import Scheme


class AccessAction(models.TextChoices):
    """How the person was shown. The labels are what a team lead reads in "who has looked at
    this record", so a name seen among fifty on the worklist reads differently from an opening."""

    VIEW = "view", "Opened the record"
    LIST = "list", "Seen in a list"
    SEARCH = "search", "Found in a search"
    NAME_ONLY = "name_only", "Saw the name only"
    EXPORT = "export", "Exported"
    BREAK_GLASS = "break_glass", "Broke glass to open"


class AccessAudit(AppendOnlyModel):
    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Every read writes these rows (a worklist of fifty, fifty of them), so each index is paid
    # for on every page view, and an index on a random UUID dirties a page per row (issue 13).
    # Who looked at a person is read through (person, -at), which serves person alone as well;
    # nothing reads by episode. So neither foreign key has an index of its own.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_audit",
        db_index=False,
    )
    episode = models.ForeignKey(
        "pathway.Episode", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    action = models.CharField(max_length=16, choices=AccessAction.choices)
    what = models.CharField(max_length=200, help_text="The page, list or API call, or the search terms")
    reason = models.TextField(blank=True)
    channel = models.CharField(max_length=8, default="web", help_text="web or api")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"])]

    def __str__(self) -> str:
        did = self.get_action_display().lower()
        return f"{self.person or self.what}: {did} by {self.user} at {self.at:%d %b %Y %H:%M}"


class BreakGlass(AppendOnlyModel):
    """A staff member opened a person's record held by another scheme, with a stated reason.

    Grants access for `settings.BREAK_GLASS_HOURS`; shown to that scheme's team leads.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="break_glass")
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="break_glass", help_text="Whose record")
    reason = models.TextField()
    at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} opened {self.person} ({self.scheme.code}) at {self.at:%d %b %Y %H:%M}"


class Seal(AppendOnlyModel):
    """A block of rows of one append-only table, sealed into that table's hash chain (ADR 0017).

    `ids` and `digests` hold, in id order, each sealed row's id (8 bytes, big-endian) and the
    first 16 bytes of the SHA-256 of its canonical content, so a check can name the first row
    that changed, vanished or appeared. `hash` is the SHA-256 of the previous seal's hash and
    everything here: changing a seal breaks every later one.
    """

    table = models.CharField(max_length=63, help_text="The sealed table")
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    rows = models.PositiveIntegerField()
    ids = models.BinaryField()
    digests = models.BinaryField()
    previous = models.CharField(max_length=64, help_text="The hash of the table's previous seal ('' for the first)")
    hash = models.CharField(max_length=64, unique=True)
    sealed_at = models.DateTimeField()

    class Meta:
        ordering = ["table", "last_id"]
        constraints = [
            models.UniqueConstraint(fields=["table", "last_id"], name="one_seal_per_table_position"),
            # Each seal follows exactly one: two sealers at once cannot fork a chain.
            models.UniqueConstraint(fields=["table", "previous"], name="one_seal_after_each"),
        ]

    def __str__(self) -> str:
        return f"{self.table} rows {self.first_id} to {self.last_id} ({self.rows})"


class Redaction(AppendOnlyModel):
    """One row of an append-only table whose content a reviewed disposal replaced (ADR 0027).

    `before` is the row's digest as the hash chain sealed it and `after` its digest once its
    content was replaced by a tombstone, so `liaison audit verify` can tell a disposed row from
    a tampered one: a changed row passes only with a redaction naming exactly that change, made
    by a disposal carried out after a second person's approval (`disposal`: the records app's
    id, kept as a number because the records app sits above this one).
    """

    table = models.CharField(max_length=63)
    row_id = models.BigIntegerField()
    before = models.CharField(max_length=32, help_text="hex digest of the row's content before")
    after = models.CharField(max_length=32, help_text="hex digest of the tombstone")
    disposal = models.BigIntegerField(help_text="records.Disposal id")
    at = models.DateTimeField()

    class Meta:
        ordering = ["table", "row_id", "id"]
        indexes = [models.Index(fields=["table", "row_id"])]

    def __str__(self) -> str:
        return f"{self.table} row {self.row_id} disposed (disposal {self.disposal})"
