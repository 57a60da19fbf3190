"""The model's comparisons, written once: each level has the SQL Splink runs and the Python the
scorer at intake runs, side by side, so the two cannot drift apart (a test checks they agree).

Levels are tried in order; the first that holds is the pair's level for that comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from liaison.linkage.names import jaro_winkler, within_one_edit
from liaison.linkage.records import Record

Test = Callable[[Record, Record], bool]


@dataclass(frozen=True)
class Level:
    label: str
    sql: str
    test: Test
    null: bool = False


@dataclass(frozen=True)
class Comparison:
    field: str
    levels: tuple[Level, ...]

    def level_of(self, left: Record, right: Record) -> int:
        for i, level in enumerate(self.levels):
            if level.test(left, right):
                return i
        raise AssertionError("the last level is always 'else'")

    def splink(self) -> dict[str, Any]:
        return {
            "output_column_name": self.field,
            "comparison_levels": [
                {"sql_condition": lv.sql, "label_for_charts": lv.label, **({"is_null_level": True} if lv.null else {})}
                for lv in self.levels
            ],
        }


def _get(r: Record, column: str) -> Any:
    return getattr(r, column)


def _null(*columns: str) -> Level:
    sql = " OR ".join(f'"{c}_l" IS NULL OR "{c}_r" IS NULL' for c in columns)
    return Level("unknown", sql, lambda a, b: any(_get(a, c) is None or _get(b, c) is None for c in columns), True)


def _same(column: str, label: str = "exact") -> Level:
    return Level(label, f'"{column}_l" = "{column}_r"', lambda a, b: _get(a, column) == _get(b, column))


def _crossed(left: str, right: str, label: str) -> Level:
    """The left record's `left` column is the right record's `right` (names given the other way
    round, a date read day for month); either way round."""
    sql = f'("{left}_l" = "{right}_r" OR "{right}_l" = "{left}_r")'
    return Level(
        label,
        sql,
        lambda a, b: (
            (_get(a, left) is not None and _get(a, left) == _get(b, right))
            or (_get(a, right) is not None and _get(a, right) == _get(b, left))
        ),
    )


def _similar(column: str, threshold: float) -> Level:
    return Level(
        f"similar (Jaro-Winkler >= {threshold})",
        f'jaro_winkler_similarity("{column}_l", "{column}_r") >= {threshold}',
        lambda a, b: jaro_winkler(_get(a, column), _get(b, column)) >= threshold,
    )


_ELSE = Level("different", "ELSE", lambda a, b: True)


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "given_name",
        (
            _null("given_name"),
            _same("given_name"),
            _same("given_canon", "nickname or other spelling"),
            _similar("given_name", 0.92),
            _crossed("given_name", "family_name", "given as the family name"),
            _similar("given_name", 0.8),
            _ELSE,
        ),
    ),
    Comparison(
        "family_name",
        (
            _null("family_name"),
            _same("family_name"),
            _similar("family_name", 0.92),
            _crossed("family_name", "given_name", "given as the first name"),
            _similar("family_name", 0.8),
            _ELSE,
        ),
    ),
    Comparison(
        "date_of_birth",
        (
            _null("dob"),
            _same("dob"),
            _crossed("dob", "dob_swap", "day and month swapped"),
            Level(
                "one character different",
                'damerau_levenshtein("dob_l", "dob_r") <= 1',
                lambda a, b: within_one_edit(a.dob or "", b.dob or ""),
            ),
            _same("dob_year", "same year"),
            _ELSE,
        ),
    ),
    Comparison("sex", (_null("sex"), _same("sex"), _ELSE)),
    Comparison(
        "postcode",
        (
            _null("postcode"),
            _same("postcode"),
            _same("postcode_sector", "same sector"),
            _same("postcode_district", "same district"),
            _ELSE,
        ),
    ),
    Comparison("nhs_number", (_null("nhs_number"), _same("nhs_number"), _ELSE)),
    Comparison("pnc_id", (_null("pnc_id"), _same("pnc_id"), _ELSE)),
)

# Pairs Splink compares when de-duplicating a file: the same keys the database blocks on at
# intake (see `keys.py`), so the two find the same candidates. The date of birth with either
# name's sound-alike in either place finds names given the other way round with one misspelt;
# with the canonical first name, a misspelt surname under a nickname; the day and month with
# both names, a mistyped year; the postcode with the date of birth, both names misspelt.
BLOCKING_RULES = (
    'l."nhs_number" = r."nhs_number"',
    'l."pnc_id" = r."pnc_id"',
    'l."dob" = r."dob" AND l."family_sx" = r."family_sx"',
    'l."dob" = r."dob" AND l."given_sx" = r."given_sx"',
    'l."dob" = r."dob" AND l."given_sx" = r."family_sx"',
    'l."dob" = r."dob" AND l."family_sx" = r."given_sx"',
    'l."dob" = r."dob" AND l."given_canon" = r."given_canon"',
    'l."dob" = r."dob" AND l."sx_pair" = r."sx_pair"',
    'substr(l."dob", 6) = substr(r."dob", 6) AND l."sx_pair" = r."sx_pair"',
    'l."postcode" = r."postcode" AND l."family_sx" = r."family_sx"',
    'l."postcode" = r."postcode" AND l."dob" = r."dob"',
    'l."dob_year" = r."dob_year" AND l."sx_pair" = r."sx_pair"',
)
