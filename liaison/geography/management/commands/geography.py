"""`liaison geography load-population FILE [FILE ...] --year YYYY`: load a newer ONS mid-year
estimate (the totals, and age bands in the same file or another), and `liaison geography
summary`: what is loaded. A bad file is refused whole, every problem named."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Sum

from liaison.core import clock
from liaison.geography.models import ALL_AGES, ForceArea, LocalAuthority, PopulationRelease, Region, Sex
from liaison.geography.population import PopulationFileInvalid, population_load, read_population_files
from liaison.geography.reference import files_digest

FIRST_YEAR = 1991  # the first mid-year estimates on today's local authority basis


class Command(BaseCommand):
    help = "England's reference geography: load a population estimate, or summarise what is loaded."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{load-population,summary}")
        load = actions.add_parser(
            "load-population",
            help="Load a mid-year estimate from CSV: columns code,population and optionally name,sex,age "
            "(or age_band); a year's totals and its age bands may be in separate files, given together",
        )
        load.add_argument("file", type=Path, nargs="+")
        load.add_argument("--year", type=int, required=True, help="The mid-year the estimate is for, e.g. 2024")
        load.add_argument("--source", default="", help="Where the file came from (kept with the figures)")
        load.add_argument("--replace", action="store_true", help="Replace that year's estimates if already loaded")
        actions.add_parser("summary", help="Regions, force areas, local authorities and estimates loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "summary":
            self._summary()
        else:
            self._load(options)

    def _load(self, options: dict[str, Any]) -> None:
        year: int = options["year"]
        if not FIRST_YEAR <= year <= clock.today().year:
            raise CommandError(f"--year must be a mid-year from {FIRST_YEAR} to {clock.today().year}")
        paths: list[Path] = options["file"]
        raws = [_read(path) for path in paths]
        ids = dict(LocalAuthority.objects.values_list("code", "id"))
        if not ids:
            raise CommandError("No local authorities are loaded: run `liaison migrate` first")
        named = " and ".join(p.name for p in paths)
        try:
            cells = read_population_files(
                [(p.name, raw.decode("utf-8")) for p, raw in zip(paths, raws, strict=True)], known=ids
            )
            release = population_load(
                cells=cells,
                year=year,
                source=options["source"] or named,
                sha256=files_digest(raws),
                at=clock.now(),
                local_authority_ids=ids,
                replace=options["replace"],
            )
        except PopulationFileInvalid as e:
            were = "was" if len(paths) == 1 else "were"
            raise CommandError(f"{named} {were} not loaded, nothing was written:\n{e}") from None
        total = sum(c.population for c in cells if c.sex == Sex.PERSONS and c.age == ALL_AGES)
        self.stdout.write(
            f"Loaded mid-{release.year}: {release.rows:,} figures for {len(ids)} local authorities; England {total:,}"
        )

    def _summary(self) -> None:
        self.stdout.write(
            f"{Region.objects.count()} regions, {ForceArea.objects.count()} police force areas, "
            f"{LocalAuthority.objects.count()} local authorities"
        )
        for r in PopulationRelease.objects.all():
            england = r.estimates.filter(sex=Sex.PERSONS, age=ALL_AGES).aggregate(n=Sum("population"))["n"] or 0
            banded = ", with age bands" if r.estimates.exclude(age=ALL_AGES).exists() else ""
            self.stdout.write(f"mid-{r.year}: England {england:,} ({r.rows:,} figures{banded}) from {r.source}")


def _read(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
        raw.decode("utf-8")
    except OSError as e:
        raise CommandError(f"Cannot read {path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text (save the CSV as UTF-8)") from None
    return raw
