"""The population an area's people come from, to set those identified beside it.

Census 2021 counts residents by ethnic group per police force area (`geography`, ADR 0018); a
scheme covers local authorities (its footprint). A local authority is taken to have its force
area's mix, weighted by its share of the force area's population (mid-year estimates): the
census does not come by local authority here, and the mix of a part of a force area is not known.
England is every force area as counted.

The mid-year estimates come by local authority and the store's age bands (from 10, ADR 0035),
so an area's age mix is its local authorities' residents added up: each counts whole, as in the
ethnic mix each counts at its whole population.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from liaison.geography.models import CensusEthnicGroup, EthnicGroup, LocalAuthority
from liaison.geography.selectors import local_authority_ages, local_authority_totals, release_for
from liaison.organisations.models import Footprint, Scheme
from liaison.people.codes import AGE_BANDS
from liaison.reporting.charts import Chart, Point, bar_chart, is_suppressed, listed, value_of

if TYPE_CHECKING:
    from liaison.reporting.dashboards.panels import AreaFigures

# Census 2021's five groups as the store names them (people.codes.ETHNIC_GROUPS).
AS_STORED = {
    EthnicGroup.WHITE: "White",
    EthnicGroup.MIXED: "Mixed",
    EthnicGroup.ASIAN: "Asian or Asian British",
    EthnicGroup.BLACK: "Black or Black British",
    EthnicGroup.OTHER: "Other ethnic groups",
}


# The store's age bands as the population estimates spell them (an open band as `65+`).
AGE_BAND_OF = {f"{low}-{high}" if high is not None else f"{low}+": label for low, high, label in AGE_BANDS}


def _by_force_area() -> dict[int, dict[str, int]]:
    mix: dict[int, dict[str, int]] = {}
    for force_area_id, group, people in CensusEthnicGroup.objects.values_list("force_area_id", "group", "population"):
        mix.setdefault(force_area_id, {})[AS_STORED[EthnicGroup(group)]] = people
    return mix


def _covered(schemes: Iterable[Scheme], on: date) -> set[int]:
    return set(
        Footprint.objects.filter(scheme__in=list(schemes)).in_effect(on).values_list("local_authority_id", flat=True)
    )


def ethnic_mix(*, schemes: Iterable[Scheme] | None, on: date) -> dict[str, float] | None:
    """Residents by ethnic group of the area the schemes covered on `on` (None: England), or
    None when that is not known (no footprint, no census or population loaded)."""
    mix = _by_force_area()
    if not mix:
        return None
    if schemes is None:
        return {group: float(sum(m.get(group, 0) for m in mix.values())) for group in AS_STORED.values()}
    covered = _covered(schemes, on)
    totals = local_authority_totals(release_for(on))
    if not covered or not totals:
        return None
    force_of = dict(LocalAuthority.objects.values_list("id", "force_area_id"))
    force_totals: dict[int, int] = {}
    for la, people in totals.items():
        force_totals[force_of[la]] = force_totals.get(force_of[la], 0) + people
    out = dict.fromkeys(AS_STORED.values(), 0.0)
    for la in covered:
        force = force_of[la]
        if la not in totals or not force_totals.get(force) or force not in mix:
            continue
        weight = totals[la] / force_totals[force]
        for group, people in mix[force].items():
            out[group] += weight * people
    return out if any(out.values()) else None


def age_mix(*, schemes: Iterable[Scheme] | None, on: date) -> dict[str, float] | None:
    """Residents aged 10 and over by the store's age bands of the area the schemes covered on
    `on` (None: England), or None when that is not known (no footprint, or no estimates by age
    band for a local authority it covers)."""
    by_area = local_authority_ages(on, ages=AGE_BAND_OF)
    if not by_area:
        return None
    if schemes is None:
        areas = list(by_area.values())
    else:
        covered = _covered(schemes, on)
        if not covered or any(set(by_area.get(la, {})) != set(AGE_BAND_OF) for la in covered):
            return None
        areas = [by_area[la] for la in covered]
    out = {label: float(sum(a.get(age, 0) for a in areas)) for age, label in AGE_BAND_OF.items()}
    return out if any(out.values()) else None


# --- the charts that set the episodes identified beside the population


def ethnic_groups_beside_population(figures: AreaFigures, notes: list[str], *, measure: str) -> Chart | None:
    """Each census group's share of the episodes identified (of those whose group is known),
    beside its share of the area's residents at Census 2021."""
    if figures.ethnic_mix is None:
        return None
    beside = Beside(
        measure=measure,
        by="ethnic_group",
        key="ethnic-group-population",
        title="Ethnic group beside the population",
        plural="Ethnic groups",
        items="groups",
        note=(
            "Ethnic groups beside the population: the share of the episodes identified whose ethnic group is "
            "known, and the share of residents at Census 2021 (ONS, Open Government Licence) of the local "
            "authorities the area covers, each taken to have its police force area's mix."
        ),
    )
    return _beside_population(figures, notes, beside, figures.ethnic_mix)


def age_bands_beside_population(figures: AreaFigures, notes: list[str], *, measure: str) -> Chart | None:
    """Each age band's share of the episodes identified (of those whose age is known), beside its
    share of the area's residents aged 10 and over (L&D sees people from 10)."""
    if figures.defined(measure) is None:
        return None
    if figures.age_mix is None:
        notes.append(
            "Age bands are not set beside the population: the area's population by age is not known (it "
            "covered no local authority on the last day of the period, or no estimates by age are loaded)."
        )
        return None
    beside = Beside(
        measure=measure,
        by="age_band",
        key="age-band-population",
        title="Age band beside the population",
        plural="Age bands",
        items="bands",
        note=(
            "Age bands beside the population: the share of the episodes identified whose age is known, and the "
            "share of residents aged 10 and over (ONS mid-year estimates, Open Government Licence) of the local "
            "authorities the area covers. Children under 10 are left out of the population: L&D sees people "
            "from 10."
        ),
        summary="The population share is of residents aged 10 and over. ",
    )
    return _beside_population(figures, notes, beside, figures.age_mix)


@dataclass(frozen=True)
class Beside:
    """How one breakdown of the episodes identified is set beside the residents in its categories."""

    measure: str
    by: str  # the measure's category column
    key: str
    title: str
    plural: str  # "Ethnic groups", for the note when it cannot be shown
    items: str  # "groups"
    note: str
    summary: str = ""  # said before every figure in words; without it, the chart's own summary


def _percent(part: float, whole: float) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def _beside_population(figures: AreaFigures, notes: list[str], beside: Beside, mix: dict[str, float]) -> Chart | None:
    """Below national level the shares are worked out from the published counts; with any
    category's count suppressed, none is shown."""
    shown = figures.period(beside.measure)
    if shown is None:
        return None
    counted = {r.keys[beside.by]: r.figure("value") for r in shown.rows if r.keys[beside.by] in mix}
    if any(is_suppressed(f) for f in counted.values()):
        notes.append(
            f"{beside.plural} are not set beside the population: some {beside.items} had too few episodes to publish."
        )
        return None
    known = {item: (value_of(counted[item]) or 0.0) if item in counted else 0.0 for item in mix}
    people, residents = sum(known.values()), sum(mix.values())
    if not people or not residents:
        return None
    points: list[Point] = []
    for item in mix:
        points.append(Point(f"{item}: identified", _percent(known[item], people)))
        points.append(Point(f"{item}: population", _percent(mix[item], residents), comparison=True))
    notes.append(beside.note)
    summary = beside.summary + listed(points, "%") if beside.summary else ""
    title = f"{beside.title}, {figures.area.name}"
    return bar_chart(key=beside.key, title=title, points=points, unit="%", header="Percentage", summary=summary)
