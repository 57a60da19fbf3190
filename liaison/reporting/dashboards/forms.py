"""The dashboard's pickers: which area, and which months (a GET form, so it works without JavaScript)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from liaison.core.forms import NhsForm, choice_field
from liaison.organisations.models import Region, Scheme
from liaison.reporting.cohorts import BREAKDOWNS
from liaison.reporting.dashboards.panels import ENGLAND, Area
from liaison.reporting.returns import month_label, month_of, previous_month

PERIOD_MONTHS = 12  # the default: the last twelve complete months
OFFERED_MONTHS = 60  # five years back, as the store holds


def months_back(last: str, count: int) -> list[str]:
    """`count` months ending with `last`, oldest first."""
    months = [last]
    while len(months) < count:
        months.append(previous_month(months[-1]))
    return months[::-1]


def months_between(start: str, end: str) -> list[str]:
    months = [end]
    while months[-1] > start:
        months.append(previous_month(months[-1]))
    return months[::-1]


class DashboardForm(NhsForm):
    def __init__(
        self,
        data: Any,
        *,
        regions: Sequence[Region],
        schemes: Sequence[Scheme],
        default_area: str,
        now: datetime,
    ) -> None:
        this_month = month_of(now)
        last_complete = previous_month(this_month)
        offered = months_back(this_month, OFFERED_MONTHS)[::-1]
        self.default_start = months_back(last_complete, PERIOD_MONTHS)[0]
        self.default_end = last_complete
        self._areas: dict[str, Area] = {"england": ENGLAND}
        for r in regions:
            self._areas[f"region:{r.code}"] = Area(level="region", area=r.code, name=r.name)
        for s in schemes:
            self._areas[f"scheme:{s.code}"] = Area(level="scheme", area=str(s.pk), name=s.name, scheme=s)
        labels = {"england": "England"}
        labels |= {f"region:{r.code}": f"Region: {r.name}" for r in regions}
        labels |= {f"scheme:{s.code}": f"Scheme: {s.name}" for s in schemes}
        month_choices = [(m, month_label(m) + (" (in progress)" if m == this_month else "")) for m in offered]
        # Missing pickers take their defaults, so the page's first visit needs no parameters.
        given = {k: v for k, v in (data or {}).items() if v}
        super().__init__({"area": default_area, "start": self.default_start, "end": self.default_end, **given})
        self.fields["area"] = choice_field("Area", list(labels.items()), "Choose an area from the list", radios=False)
        self.fields["start"] = choice_field("From", month_choices, "Choose the first month from the list", radios=False)
        self.fields["end"] = choice_field("To", month_choices, "Choose the last month from the list", radios=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The last month must be the same as or after the first month")
        return cleaned

    def area(self) -> Area:
        return self._areas[self.cleaned_data["area"]]

    def months(self) -> list[str]:
        return months_between(self.cleaned_data["start"], self.cleaned_data["end"])


class CohortsForm(DashboardForm):
    """The dashboard's pickers, and how to break the cohorts down."""

    def __init__(self, data: Any, **kwargs: Any) -> None:
        given = {k: v for k, v in (data or {}).items() if v}
        super().__init__({"breakdown": "all", **given}, **kwargs)
        self.fields["breakdown"] = choice_field(
            "Show cohorts by", list(BREAKDOWNS.items()), "Choose how to show the cohorts", radios=False
        )

    def breakdown(self) -> str:
        return str(self.cleaned_data["breakdown"])
