"""A record as the model sees it: the normal forms of one person's details, unknowns as None.

The same columns feed Splink (as a table, for training and for de-duplicating a file) and the
scorer at intake (one `Record` per candidate), so both compare exactly the same values.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Any

from liaison.linkage import names
from liaison.people.identifiers import normalise_pnc_id

# Sex codes that say something: "not known" and "indeterminate" compare as unknown.
_KNOWN_SEX = {"1": "1", "2": "2", "M": "1", "F": "2", "MALE": "1", "FEMALE": "2"}


@dataclass(frozen=True)
class Record:
    unique_id: str
    given_name: str | None
    family_name: str | None
    given_canon: str | None
    given_sx: str | None
    family_sx: str | None
    # Both sound-alikes in a fixed order: the same when the names were given the other way round.
    sx_pair: str | None
    dob: str | None
    dob_swap: str | None
    dob_year: str | None
    sex: str | None
    postcode: str | None
    postcode_sector: str | None
    postcode_district: str | None
    nhs_number: str | None
    pnc_id: str | None

    def row(self) -> dict[str, Any]:
        return dict(zip(COLUMNS, self.values(), strict=True))

    def values(self) -> tuple[str | None, ...]:
        # Not `dataclasses.astuple`, which deep-copies every value: a million records at once.
        return _VALUES(self)


COLUMNS = tuple(f.name for f in fields(Record))
_VALUES = attrgetter(*COLUMNS)


@lru_cache(maxsize=1 << 16)
def pnc_key(value: str | None) -> str | None:
    """PNC IDs compare on two-digit year, padded serial and check letter (2019/... = 19/...)."""
    if not value:
        return None
    try:
        normal = normalise_pnc_id(value)
    except ValueError:
        compact = value.replace(" ", "").upper()
        return compact or None
    year, rest = normal.split("/")
    return f"{year[-2:]}/{rest}"


def nhs_key(value: str | None) -> str | None:
    digits = "".join(c for c in (value or "") if c.isdigit())
    return digits if len(digits) == 10 else None


def sex_key(value: str | None) -> str | None:
    return _KNOWN_SEX.get((value or "").strip().upper())


def _pair(a: str | None, b: str | None) -> str | None:
    return None if a is None or b is None else "".join(sorted((a, b)))


def record(
    unique_id: object,
    *,
    given_name: str | None = None,
    family_name: str | None = None,
    date_of_birth: date | str | None = None,
    sex: str | None = None,
    postcode: str | None = None,
    nhs_number: str | None = None,
    pnc_id: str | None = None,
) -> Record:
    given, family = names.name(given_name), names.name(family_name)
    dob = names.iso_date(date_of_birth)
    code = names.postcode(postcode)
    given_sx, family_sx = names.soundex(given), names.soundex(family)
    return Record(
        unique_id=str(unique_id),
        given_name=given,
        family_name=family,
        given_canon=names.canonical_given(given),
        given_sx=given_sx,
        family_sx=family_sx,
        sx_pair=_pair(given_sx, family_sx),
        dob=dob,
        dob_swap=names.day_month_swapped(dob),
        dob_year=dob[:4] if dob else None,
        sex=sex_key(sex),
        postcode=code,
        postcode_sector=names.postcode_sector(code),
        postcode_district=names.postcode_district(code),
        nhs_number=nhs_key(nhs_number),
        pnc_id=pnc_key(pnc_id),
    )
