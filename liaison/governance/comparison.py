"""Models of commissioning and provision compared against the reporting measures.

Schemes are grouped by the model of the arrangement in force on the period's last day. Per
model: how many schemes, the population their footprints cover, people identified per 100,000
population, the share screened within target and first-appointment attendance, each summed
from the measures' scheme rows over the period's months (`reporting.figures`, ADR 0012), never
defined again here. A model's figures cover several schemes but not England, so they are
published at the regional level by `reporting.disclosure` (the one place that rounds and
suppresses); the rate per 100,000 is worked from the published count, as percentages are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from liaison.geography.selectors import local_authority_totals, release_for
from liaison.governance.provision import provision_models
from liaison.governance.selectors import all_current_arrangements
from liaison.organisations.models import Footprint, Scheme
from liaison.reporting.disclosure import Level, Published, PublishedPercentage, Suppressed, percentage, publish
from liaison.reporting.figures import Computed
from liaison.reporting.publication import as_text
from liaison.standards.periods import Period

LEVEL = Level.REGION  # several schemes, less than England
UNKNOWN = "not_recorded"

# (measure, numerator column, denominator column): the comparison's shares.
SCREENED_WITHIN_TARGET = ("screened_within_target", "numerator", "denominator")
FIRST_APPOINTMENT = ("referral_progress", "first_appointment_attended", "accepted")


@dataclass(frozen=True)
class ModelLine:
    code: str
    label: str
    schemes: int
    population: int
    identified: Published
    per_100k: Decimal | Suppressed | None
    screened_within_target: PublishedPercentage | None
    first_appointment: PublishedPercentage | None

    # As shown on the page: `*`, a figure with separators, or an en dash for none.
    @property
    def population_text(self) -> str:
        return f"{self.population:,}"

    @property
    def identified_text(self) -> str:
        return as_text(self.identified)

    @property
    def per_100k_text(self) -> str:
        return as_text(self.per_100k)

    @property
    def screened_text(self) -> str:
        return _percent(self.screened_within_target)

    @property
    def first_appointment_text(self) -> str:
        return _percent(self.first_appointment)


def _percent(figure: PublishedPercentage | None) -> str:
    return f"{as_text(figure)}%" if isinstance(figure, Decimal) else as_text(figure)


def last_day(period: Period) -> date:
    month = date.fromisoformat(f"{period.months[-1]}-01")
    return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def scheme_populations(on: date) -> dict[int, int]:
    """Each scheme's population on a day: its footprint's local authorities' persons, all ages."""
    people = local_authority_totals(release_for(on))
    out: dict[int, int] = defaultdict(int)
    for scheme_id, la_id in Footprint.objects.in_effect(on).values_list("scheme_id", "local_authority_id"):
        out[scheme_id] += people.get(la_id, 0)
    return out


def _sum(computed: Computed, measure: str, column: str, scheme_ids: list[int], months: set[str]) -> int:
    return sum(
        int(row.get(column) or 0)
        for sid in scheme_ids
        for row in computed.of(measure, level="scheme", area=str(sid), months=months)
    )


def _share(
    computed: Computed, spec: tuple[str, str, str], ids: list[int], months: set[str]
) -> PublishedPercentage | None:
    measure, num, den = spec
    numerator = _sum(computed, measure, num, ids, months)
    denominator = _sum(computed, measure, den, ids, months)
    if denominator == 0 or numerator > denominator:
        # Nothing counted; or steps counted in the month they happened outrun their base in a
        # short period (referral progress): no share rather than a wrong one.
        return None
    return percentage(numerator, denominator, level=LEVEL)


def _per_100k(identified: Published, population: int) -> Decimal | Suppressed | None:
    if isinstance(identified, Suppressed):
        return identified
    if not population:
        return None
    return (Decimal(100_000 * int(identified)) / Decimal(population)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def compare(*, period: Period, computed: Computed) -> list[ModelLine]:
    """One line per model in the file's order (every model, with none of its schemes too), then
    the schemes with no arrangement recorded for the day, if any."""
    on = last_day(period)
    arrangements = all_current_arrangements(on)
    groups: dict[str, list[int]] = defaultdict(list)
    for scheme_id in Scheme.objects.filter(go_live__lte=on).values_list("id", flat=True):
        found = arrangements.get(scheme_id)
        groups[found.model if found else UNKNOWN].append(scheme_id)
    populations = scheme_populations(on)
    months = set(period.months)
    labels = {code: m.label for code, m in provision_models().items()}
    extra = {code: code for code in groups if code not in labels and code != UNKNOWN}
    if groups.get(UNKNOWN):
        extra[UNKNOWN] = "No arrangement recorded"
    lines = []
    for code, label in {**labels, **extra}.items():
        ids = sorted(groups.get(code, []))
        population = sum(populations.get(i, 0) for i in ids)
        identified = publish(_sum(computed, "identified", "value", ids, months), level=LEVEL)
        lines.append(
            ModelLine(
                code=code,
                label=label,
                schemes=len(ids),
                population=population,
                identified=identified,
                per_100k=_per_100k(identified, population),
                screened_within_target=_share(computed, SCREENED_WITHIN_TARGET, ids, months),
                first_appointment=_share(computed, FIRST_APPOINTMENT, ids, months),
            )
        )
    return lines
