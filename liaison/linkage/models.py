"""Blocking keys: what the database looks a person up by before the model scores them."""

from __future__ import annotations

from django.db import models

from liaison.people.models import Person


class MatchKey(models.Model):
    """One blocking key of a person (e.g. date of birth + family-name sound-alike), derived from
    their details and aliases and rebuilt whenever they are saved; never entered by anyone."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["key", "person"])]

    def __str__(self) -> str:
        return self.key
