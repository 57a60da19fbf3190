"""Workforce planning: the FTE each planning group needs for a scheme's demand and opening hours,
beside the FTE in post (ADR 0031). Pure arithmetic over values passed in; every number it uses
is an assumption from `data/planning-defaults-2026.json` or the scheme's own (`PlanAssumption`),
and the page shows each one. The only constant here is the calendar's weeks in a year.

For each group:
    workload hours a year = sum over the pathway's steps of
                            (the step's episodes a year x minutes per episode for the group) / 60
    cover hours a year    = people on site per open hour x every site's open hours a week x weeks a year
    hours needed          = the larger of the two (whoever is on site does the work while there)
    FTE needed            = hours needed / (productive hours per FTE x (1 - leave allowance)) + fixed posts
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

DEFAULTS_FILE = Path(__file__).parent / "data" / "planning-defaults-2026.json"
# The calendar, not an assumption: 365.25 days a year, 7 days a week.
WEEKS_PER_YEAR = Decimal("365.25") / Decimal(7)
HUNDREDTH = Decimal("0.01")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepSpec(_Strict):
    code: str = Field(pattern=r"^[a-z_]+$")
    title: str
    counts: str = Field(description="Which episodes the step's minutes are spent on")


class AssumptionSpec(_Strict):
    key: str = Field(min_length=1, max_length=60, pattern=r"^[a-z_.]+$")
    label: str = Field(min_length=1, max_length=200)
    value: Decimal = Field(ge=0, le=100_000)
    unit: str
    source: str = Field(min_length=1)


class DefaultsSpec(_Strict):
    code: str
    version: int = Field(ge=1)
    title: str
    note: str
    steps: list[StepSpec] = Field(min_length=1)
    assumptions: list[AssumptionSpec] = Field(min_length=1)

    def by_key(self) -> dict[str, AssumptionSpec]:
        return {a.key: a for a in self.assumptions}


@cache
def defaults(path: Path = DEFAULTS_FILE) -> DefaultsSpec:
    """The shipped defaults, checked (a broken file fails the first page that plans, loudly)."""
    return DefaultsSpec.model_validate(json.loads(path.read_text(encoding="utf-8")))


def keys_for(groups: list[str], steps: list[str]) -> list[str]:
    """Every assumption a plan needs for these groups and steps, in the page's order."""
    general = ["demand_months", "productive_hours_per_fte", "leave_allowance_percent"]
    per_group = [f"minutes.{g}.{s}" for g in groups for s in steps]
    return general + per_group + [f"cover.{g}" for g in groups] + [f"fixed.{g}" for g in groups]


@dataclass(frozen=True)
class Line:
    group: str
    title: str
    workload_hours: Decimal
    cover_hours: Decimal
    fixed_fte: Decimal
    needed_fte: Decimal
    in_post_fte: Decimal

    @property
    def hours(self) -> Decimal:
        return max(self.workload_hours, self.cover_hours)

    @property
    def gap(self) -> Decimal:
        """In post less needed: negative is a shortfall."""
        return self.in_post_fte - self.needed_fte


@dataclass(frozen=True)
class Plan:
    lines: list[Line]
    annual_steps: dict[str, Decimal]
    open_hours_per_week: Decimal
    hours_per_fte: Decimal  # productive hours after leave and absence

    @property
    def needed_fte(self) -> Decimal:
        return sum((line.needed_fte for line in self.lines), Decimal(0))

    @property
    def in_post_fte(self) -> Decimal:
        return sum((line.in_post_fte for line in self.lines), Decimal(0))

    @property
    def gap(self) -> Decimal:
        return self.in_post_fte - self.needed_fte


def _round(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def plan(
    *,
    groups: Mapping[str, str],
    steps: Mapping[str, int],
    months: int,
    open_minutes_per_week: int,
    values: Mapping[str, Decimal],
    in_post: Mapping[str, Decimal],
) -> Plan:
    """The plan for `groups` (code -> title) from `steps` (step code -> episodes in the `months`
    of demand), the sites' open minutes a week, the assumptions' `values` and the FTE in post by
    group. Hours and FTE are rounded to hundredths at the end, never on the way."""
    per_year = Decimal(12) / Decimal(months) if months else Decimal(0)
    annual = {step: Decimal(n) * per_year for step, n in steps.items()}
    hours_per_fte = values["productive_hours_per_fte"] * (1 - values["leave_allowance_percent"] / 100)
    open_hours = Decimal(open_minutes_per_week) / 60
    lines = []
    for group, title in groups.items():
        workload = sum((annual[s] * values[f"minutes.{group}.{s}"] for s in steps), Decimal(0)) / 60
        cover = values[f"cover.{group}"] * open_hours * WEEKS_PER_YEAR
        fixed = values[f"fixed.{group}"]
        needed = (max(workload, cover) / hours_per_fte if hours_per_fte > 0 else Decimal(0)) + fixed
        lines.append(
            Line(
                group=group,
                title=title,
                workload_hours=_round(workload),
                cover_hours=_round(cover),
                fixed_fte=fixed,
                needed_fte=_round(needed),
                in_post_fte=in_post.get(group, Decimal(0)),
            )
        )
    return Plan(
        lines=lines,
        annual_steps={s: _round(n) for s, n in annual.items()},
        open_hours_per_week=_round(open_hours),
        hours_per_fte=_round(hours_per_fte),
    )
