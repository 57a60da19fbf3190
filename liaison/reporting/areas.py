"""The local authority and police force area a row is counted in, from the scheme's footprint.

The store keeps no postcode (issue 8: "local authority or police force area instead of
postcode"). What it keeps is the area the scheme covered on the day of the event (its footprint,
ADR 0018): the police force area when every local authority the scheme covered that day lies in
one force area (as every scheme's custody suites do), and the local authority when the scheme
covered exactly one. A person's home area is not derived: that needs a postcode directory (ONS
NSPL), which no open copy here ships, and a postcode district beside age band, sex and ethnic
group is too identifying to keep instead (docs/adr/0011).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from liaison.organisations.models import Footprint

Area = tuple[str | None, str | None]  # (local authority code, police force area code)


@dataclass
class FootprintAreas:
    """Each scheme's footprint periods, read once per refresh; `on` answers per scheme and day."""

    periods: dict[int, list[tuple[date, date | None, str, str]]] = field(default_factory=dict)
    _seen: dict[tuple[int, date], Area] = field(default_factory=dict)

    @classmethod
    def read(cls) -> FootprintAreas:
        periods: dict[int, list[tuple[date, date | None, str, str]]] = {}
        rows = Footprint.objects.order_by().values_list(
            "scheme_id", "effective_from", "effective_to", "local_authority__code", "local_authority__force_area__code"
        )
        for scheme, start, end, authority, force_area in rows:
            periods.setdefault(scheme, []).append((start, end, authority, force_area))
        return cls(periods)

    def on(self, scheme: int | None, day: date) -> Area:
        if scheme is None:
            return (None, None)
        key = (scheme, day)
        if key not in self._seen:
            periods = self.periods.get(scheme, ())
            covering = [(la, pfa) for start, end, la, pfa in periods if start <= day <= (end or day)]
            authorities = {la for la, _ in covering}
            force_areas = {pfa for _, pfa in covering}
            self._seen[key] = (
                next(iter(authorities)) if len(authorities) == 1 else None,
                next(iter(force_areas)) if len(force_areas) == 1 else None,
            )
        return self._seen[key]
