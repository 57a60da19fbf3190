"""The population an area's people come from, to set those identified beside it.

Census 2021 counts residents by ethnic group per police force area (`geography`, ADR 0018); a
scheme covers local authorities (its footprint). A local authority is taken to have its force
area's mix, weighted by its share of the force area's population (mid-year estimates): the
census does not come by local authority here, and the mix of a part of a force area is not known.
England is every force area as counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from liaison.geography.models import CensusEthnicGroup, EthnicGroup, LocalAuthority
from liaison.geography.selectors import local_authority_totals, release_for
from liaison.organisations.models import Footprint, Scheme

# Census 2021's five groups as the store names them (people.codes.ETHNIC_GROUPS).
AS_STORED = {
    EthnicGroup.WHITE: "White",
    EthnicGroup.MIXED: "Mixed",
    EthnicGroup.ASIAN: "Asian or Asian British",
    EthnicGroup.BLACK: "Black or Black British",
    EthnicGroup.OTHER: "Other ethnic groups",
}


def _by_force_area() -> dict[int, dict[str, int]]:
    mix: dict[int, dict[str, int]] = {}
    for force_area_id, group, people in CensusEthnicGroup.objects.values_list("force_area_id", "group", "population"):
        mix.setdefault(force_area_id, {})[AS_STORED[EthnicGroup(group)]] = people
    return mix


def ethnic_mix(*, schemes: Iterable[Scheme] | None, on: date) -> dict[str, float] | None:
    """Residents by ethnic group of the area the schemes covered on `on` (None: England), or
    None when that is not known (no footprint, no census or population loaded)."""
    mix = _by_force_area()
    if not mix:
        return None
    if schemes is None:
        return {group: float(sum(m.get(group, 0) for m in mix.values())) for group in AS_STORED.values()}
    covered = set(
        Footprint.objects.filter(scheme__in=list(schemes)).in_effect(on).values_list("local_authority_id", flat=True)
    )
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
