"""Loading the shipped reference files (`data/`, sources in its README) into the tables.

Idempotent: what is already there is left as it is, so the migration, the demo and the tests
can all call it. The model classes are parameters so the migration can pass its historical ones.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from liaison.core import clock
from liaison.geography import models as m
from liaison.geography.population import population_load, read_population_files

DATA = Path(__file__).with_name("data")
LOOKUP = DATA / "local_authorities_2023.csv"
POPULATION = DATA / "population_mid2023.csv"
POPULATION_BY_AGE = DATA / "population_by_age_mid2023.csv"
ETHNICITY = DATA / "census2021_ethnic_group_by_force_area.csv"
SHIPPED_YEAR = 2023
SHIPPED_SOURCE = (
    "ONS, Estimates of the population for England and Wales, mid-2023 (Open Government Licence v3.0); "
    "liaison/geography/data/README.md"
)


@dataclass(frozen=True)
class Tables:
    region: Any = m.Region
    force_area: Any = m.ForceArea
    local_authority: Any = m.LocalAuthority
    release: Any = m.PopulationRelease
    estimate: Any = m.PopulationEstimate
    ethnic_group: Any = m.CensusEthnicGroup

    @classmethod
    def from_apps(cls, apps: Any) -> Tables:
        get = apps.get_model
        return cls(
            region=get("geography", "Region"),
            force_area=get("geography", "ForceArea"),
            local_authority=get("geography", "LocalAuthority"),
            release=get("geography", "PopulationRelease"),
            estimate=get("geography", "PopulationEstimate"),
            ethnic_group=get("geography", "CensusEthnicGroup"),
        )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def load_reference(tables: Tables | None = None) -> None:
    """Regions, force areas and local authorities from the lookup, the mid-2023 estimates (all
    ages and by age band) and Census 2021 ethnic groups, each only if not already loaded. A
    shipped mid-2023 release loaded before the age bands were shipped is loaded again with them."""
    t = tables or Tables()
    if not t.local_authority.objects.exists():
        _load_lookup(t)
    shipped = t.release.objects.filter(year=SHIPPED_YEAR).first()
    banded = shipped is not None and shipped.estimates.exclude(age=m.ALL_AGES).exists()
    if shipped is None or (shipped.source == SHIPPED_SOURCE and not banded):
        ids = dict(t.local_authority.objects.values_list("code", "id"))
        files = [(p.name, p.read_text(encoding="utf-8")) for p in (POPULATION, POPULATION_BY_AGE)]
        population_load(
            cells=read_population_files(files, known=ids),
            year=SHIPPED_YEAR,
            source=SHIPPED_SOURCE,
            sha256=files_digest([text.encode() for _, text in files]),
            at=clock.now(),
            local_authority_ids=ids,
            replace=True,
            release_model=t.release,
            estimate_model=t.estimate,
        )
    if not t.ethnic_group.objects.exists():
        _load_ethnicity(t)


def files_digest(contents: list[bytes]) -> str:
    """The digest a release keeps: of its one file, or of its files' bytes in the order loaded."""
    return hashlib.sha256(b"".join(contents)).hexdigest()


def _load_lookup(t: Tables) -> None:
    rows = _rows(LOOKUP)
    regions = {}
    forces = {}
    for r in rows:
        if r["rgn23cd"] not in regions:
            regions[r["rgn23cd"]] = t.region.objects.create(code=r["rgn23cd"], name=r["rgn23nm"])
        if r["pfa23cd"] not in forces:
            forces[r["pfa23cd"]] = t.force_area.objects.create(
                code=r["pfa23cd"], name=r["pfa23nm"], region=regions[r["rgn23cd"]]
            )
    t.local_authority.objects.bulk_create(
        t.local_authority(
            code=r["lad23cd"], name=r["lad23nm"], force_area=forces[r["pfa23cd"]], region=regions[r["rgn23cd"]]
        )
        for r in rows
    )


def _load_ethnicity(t: Tables) -> None:
    forces = dict(t.force_area.objects.values_list("code", "id"))
    t.ethnic_group.objects.bulk_create(
        t.ethnic_group(force_area_id=forces[r["pfa22cd"]], group=group, population=int(r[group]))
        for r in _rows(ETHNICITY)
        for group in m.EthnicGroup.values
    )
