"""A person L&D has met: identity, identifiers and demographics. Shared across schemes."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models

from liaison.core.models import Event
from liaison.organisations.models import Scheme
from liaison.people.codes import Ethnicity, GenderIdentity, IdentifierSystem, NhsNumberStatus, Sex, age_band
from liaison.people.identifiers import format_nhs_number


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=2, choices=Sex.choices, default=Sex.NOT_KNOWN)
    gender_identity = models.CharField(max_length=2, choices=GenderIdentity.choices, default=GenderIdentity.NOT_KNOWN)
    ethnicity = models.CharField(max_length=2, choices=Ethnicity.choices, default=Ethnicity.NOT_KNOWN)
    postcode = models.CharField(max_length=8, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True, db_index=True)
    nhs_number_status = models.CharField(
        max_length=12, choices=NhsNumberStatus.choices, default=NhsNumberStatus.NOT_GIVEN
    )
    pnc_id = models.CharField(max_length=14, blank=True, db_index=True)
    # The scheme that first recorded the person: it can see them before any episode exists.
    registered_by_scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="registered_people")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set when the record is found to be another person's and folded into them (linkage's
    # merge): the row stays, with its details and history, so the merge can be undone.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="absorbed", editable=False
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        # The date of birth narrows a name search to some tens of people in a million (issue 13).
        indexes = [models.Index(fields=["family_name", "given_name"]), models.Index(fields=["date_of_birth"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number)

    def age_band_on(self, day: date) -> str:
        return age_band(self.date_of_birth, day)


class Alias(models.Model):
    """Another name the person is known by or has given."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class NameKey(models.Model):
    """A name a person is found by, folded for searching (`people.names`): their given and family
    names and every alias's, one row each. Derived from those rows, never edited: the find-a-person
    search reads a range of this one index instead of every person's names (issue 13). On
    PostgreSQL the column sorts by code point (collation "C", migration 0004), so a prefix is a
    range of the index on either database."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="name_key_once_per_person")]

    def __str__(self) -> str:
        return self.key


class LocalIdentifier(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="local_identifiers")
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="+")
    system = models.CharField(max_length=24, choices=IdentifierSystem.choices)
    value = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "system", "value"], name="local_identifier_unique_in_scheme"),
        ]

    def __str__(self) -> str:
        return f"{self.get_system_display()} {self.value}"


class PersonEvent(Event):
    """What happened to a person's record: recorded, corrected, merged (tags in `events.py`)."""

    stream = "person"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="events")

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["person", "occurred_at"]), models.Index(fields=["kind", "occurred_at"])]
