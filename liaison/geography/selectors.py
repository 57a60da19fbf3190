"""Reading the reference geography. None of it is about a person, so nothing here is scoped."""

from __future__ import annotations

from collections.abc import Collection
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


def local_authority_ages(day: date, *, ages: Collection[str]) -> dict[int, dict[str, int]]:
    """Persons per local authority id and age (of `ages`), from the release to count `day` by
    among those that have them (as `release_for`); empty when none has."""
    cells = PopulationEstimate.objects.filter(sex=Sex.PERSONS, age__in=list(ages))
    years = sorted(set(cells.values_list("release__year", flat=True)))
    if not years:
        return {}
    year = max((y for y in years if y <= day.year), default=years[0])
    out: dict[int, dict[str, int]] = {}
    for la, age, people in cells.filter(release__year=year).values_list("local_authority_id", "age", "population"):
        out.setdefault(la, {})[age] = people
    return out


def local_authorities() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.select_related("force_area", "region").order_by("code")
