"""Reading a population estimate file and loading it, all or nothing.

The file is CSV with a header. `code` (the local authority's ONS code) and `population` are
required; `name` is ignored (codes decide, names change); `sex` (persons, female, male) and
`age` (`all`, `17`, `18-24`, `90+`; the column may be called `age_band`) are optional and default
to persons of all ages. A year may come in several files (totals in one, age bands in another):
together they need every one of England's local authorities' persons, all-ages total, and a
local authority's ages must not overlap nor add up to more than its total (people of ages not
given, such as children under 10, are simply not broken down). Every problem in the files is
reported, with its line number, before anything is written.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from liaison.geography.models import ALL_AGES, PopulationEstimate, PopulationRelease, Sex

_AGE = re.compile(r"^(all|\d{1,3}|\d{1,3}-\d{1,3}|\d{1,3}\+)$")
_COUNT = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
# Enough to fix a file by; the rest are counted.
MAX_REPORTED = 20


@dataclass(frozen=True)
class Cell:
    code: str
    sex: str
    age: str
    population: int


class PopulationFileInvalid(Exception):
    """The file cannot be loaded; `errors` says why, one line each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        shown = errors[:MAX_REPORTED]
        more = len(errors) - len(shown)
        super().__init__("\n".join(shown + ([f"... and {more} more"] if more else [])))


def _cell(row: dict[str, Any], line: str, known: Mapping[str, object]) -> tuple[Cell | None, list[str]]:
    errors = []
    code = (row.get("code") or "").strip().upper()
    if code not in known:
        errors.append(f"{line}: {code or '(no code)'} is not one of England's local authorities")
    sex = (row.get("sex") or Sex.PERSONS).strip().lower()
    if sex not in Sex.values:
        errors.append(f"{line}: sex {sex!r} is not persons, female or male")
    age = (row.get("age") or ALL_AGES).strip().lower()
    if not _AGE.match(age):
        errors.append(f"{line}: age {age!r} is not all, a year (17) or a band (18-24, 90+)")
    elif age != ALL_AGES and (span := age_span(age))[1] is not None and span[1] < span[0]:
        errors.append(f"{line}: age band {age!r} ends before it starts")
    count = (row.get("population") or "").strip()
    if not _COUNT.match(count):
        errors.append(f"{line}: population {count!r} is not a whole number of people")
    if errors:
        return None, errors
    return Cell(code=code, sex=sex, age=age, population=int(count.replace(",", ""))), []


def read_population_csv(text: str, *, known: Mapping[str, object]) -> list[Cell]:
    """The file's cells, or PopulationFileInvalid naming every problem. `known` holds the codes
    of England's local authorities."""
    return read_population_files([("", text)], known=known)


def read_population_files(files: Sequence[tuple[str, str]], *, known: Mapping[str, object]) -> list[Cell]:
    """The cells of one year's files, each given as (name, text), checked together."""
    cells: list[Cell] = []
    errors: list[str] = []
    seen: dict[tuple[str, str, str], str] = {}
    for name, text in files:
        where = f"{name} " if len(files) > 1 else ""
        errors += _read_one(text, where, known, seen, cells)
    errors += _completeness(cells, known)
    errors += _ages_within_totals(cells)
    if errors:
        raise PopulationFileInvalid(errors)
    return cells


def _read_one(
    text: str, where: str, known: Mapping[str, object], seen: dict[tuple[str, str, str], str], cells: list[Cell]
) -> list[str]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    names = [(h or "").strip().lower() for h in reader.fieldnames or []]
    if "age_band" in names and "age" not in names:
        names = ["age" if h == "age_band" else h for h in names]
    missing = {"code", "population"} - set(names)
    if missing:
        return [f"{where}the header has no {' or '.join(sorted(missing))} column".strip()]
    reader.fieldnames = names
    errors: list[str] = []
    try:
        for row in reader:
            line = f"{where}line {reader.line_num}"
            cell, problems = _cell(row, line, known)
            errors += problems
            if cell is None:
                continue
            key = (cell.code, cell.sex, cell.age)
            if key in seen:
                errors.append(f"{line}: {cell.code} {cell.sex} {cell.age} is given twice (first on {seen[key]})")
                continue
            seen[key] = line
            cells.append(cell)
    except csv.Error as e:
        errors.append(f"{where}line {reader.line_num}: not readable as CSV ({e})")
    return errors


def _completeness(cells: list[Cell], known: Mapping[str, object]) -> list[str]:
    totals = {c.code: c.population for c in cells if c.sex == Sex.PERSONS and c.age == ALL_AGES}
    absent = sorted(set(known) - set(totals))
    errors = []
    if absent:
        who = "local authority has" if len(absent) == 1 else "local authorities have"
        errors.append(
            f"{len(absent)} {who} no persons, all-ages total: {', '.join(absent[:10])}"
            + (" ..." if len(absent) > 10 else "")
        )
    by_sex = {(c.code, c.sex): c.population for c in cells if c.age == ALL_AGES and c.sex != Sex.PERSONS}
    for code, total in sorted(totals.items()):
        female, male = by_sex.get((code, Sex.FEMALE)), by_sex.get((code, Sex.MALE))
        if female is not None and male is not None and female + male != total:
            errors.append(f"{code}: females ({female:,}) and males ({male:,}) do not add up to persons ({total:,})")
    return errors


def age_span(age: str) -> tuple[int, int | None]:
    """The years an age cell covers: `17` is (17, 17), `18-24` (18, 24), `90+` (90, None)."""
    if age.endswith("+"):
        return int(age[:-1]), None
    low, _, high = age.partition("-")
    return int(low), int(high or low)


def _ages_within_totals(cells: list[Cell]) -> list[str]:
    totals = {(c.code, c.sex): c.population for c in cells if c.age == ALL_AGES}
    spans: dict[tuple[str, str], list[Cell]] = {}
    for c in cells:
        if c.age != ALL_AGES:
            spans.setdefault((c.code, c.sex), []).append(c)
    errors = []
    for (code, sex), ages in sorted(spans.items()):
        ordered = sorted(ages, key=lambda c: age_span(c.age)[0])
        for a, b in itertools.pairwise(ordered):
            high = age_span(a.age)[1]
            if high is None or high >= age_span(b.age)[0]:
                errors.append(f"{code} {sex}: ages {a.age} and {b.age} overlap")
        given = sum(c.population for c in ages)
        total = totals.get((code, sex))
        if total is not None and given > total:
            errors.append(f"{code} {sex}: the ages given add up to {given:,}, more than all ages ({total:,})")
    return errors


@transaction.atomic
def population_load(
    *,
    cells: list[Cell],
    year: int,
    source: str,
    sha256: str,
    at: datetime,
    local_authority_ids: Mapping[str, int],
    replace: bool = False,
    release_model: Any = PopulationRelease,
    estimate_model: Any = PopulationEstimate,
) -> Any:
    """Store a year's estimates in one transaction, replacing that year's only when asked.
    The model arguments let the reference-data migration use its historical models."""
    existing = release_model.objects.filter(year=year).first()
    if existing is not None:
        if not replace:
            raise PopulationFileInvalid(
                [f"mid-{year} estimates are already loaded; give --replace to load these instead"]
            )
        existing.delete()
    release = release_model.objects.create(year=year, source=source, sha256=sha256, rows=len(cells), loaded_at=at)
    estimate_model.objects.bulk_create(
        [
            estimate_model(
                release=release,
                local_authority_id=local_authority_ids[c.code],
                sex=c.sex,
                age=c.age,
                population=c.population,
            )
            for c in cells
        ],
        batch_size=1000,
    )
    return release
