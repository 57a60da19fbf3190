"""Reading the reference geography. None of it is about a person, so nothing here is scoped."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from liaison.geography.models import ALL_AGES, LocalAuthority, PopulationEstimate, PopulationRelease, Sex


def release_for(day: date) -> PopulationRelease | None:
    """The estimates to count a date's population by: the latest mid-year on or before it, else
    (for dates before the first loaded year) the earliest loaded."""
    releases = PopulationRelease.objects.order_by("year")
    return releases.filter(year__lte=day.year).last() or releases.first()


def local_authority_totals(release: PopulationRelease | None) -> dict[int, int]:
    """Persons of all ages per local authority id in a release (empty without one)."""
    if release is None:
        return {}
    cells = PopulationEstimate.objects.filter(release=release, sex=Sex.PERSONS, age=ALL_AGES)
    return dict(cells.values_list("local_authority_id", "population"))


def local_authorities() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.select_related("force_area", "region").order_by("code")
