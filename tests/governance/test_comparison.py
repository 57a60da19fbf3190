"""Models of commissioning compared against the measures, under disclosure control."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from liaison.governance.actions import arrangement_record
from liaison.governance.comparison import _per_100k, compare
from liaison.organisations.models import Role
from liaison.reporting.disclosure import SUPPRESSED, Level, publish
from liaison.reporting.figures import Computed
from liaison.standards.periods import parse
from tests import factories
from tests.governance.conftest import Governance

PERIOD = parse("2025-Q1")


def _rows(scheme_id: int, *, identified: int, within: int, screened: int, attended: int, accepted: int) -> dict:
    area = {"level": "scheme", "area": str(scheme_id), "month": "2025-02"}
    return {
        "identified": [{**area, "value": identified}],
        "screened_within_target": [{**area, "numerator": within, "denominator": screened}],
        "referral_progress": [{**area, "first_appointment_attended": attended, "accepted": accepted, "made": 0}],
    }


def _computed(*parts: dict) -> Computed:
    rows: dict[str, list] = {}
    for part in parts:
        for name, r in part.items():
            rows.setdefault(name, []).extend(r)
    return Computed(rows=rows, store_version="test", refreshed_at=None)


def test_schemes_are_grouped_by_the_model_in_force_and_figures_are_published(governance: Governance):
    n = governance.network
    commissioner_b = factories.staff(role=Role.COMMISSIONER, scheme=n.scheme_b)
    for scheme, model, by in (
        (n.scheme_a, "standalone", n.commissioner),
        (n.scheme_b, "voluntary_sector_partner", commissioner_b),
    ):
        arrangement_record(
            scheme=scheme,
            commissioner="NHS England",
            lead_provider="Trust",
            model=model,
            contract_start=date(2020, 4, 1),
            contract_end=None,
            by=by,
        )
    computed = _computed(
        _rows(n.scheme_a.pk, identified=103, within=41, screened=52, attended=30, accepted=40),
        _rows(n.scheme_b.pk, identified=5, within=3, screened=4, attended=1, accepted=2),
    )
    lines = {line.code: line for line in compare(period=PERIOD, computed=computed)}
    standalone = lines["standalone"]
    assert standalone.schemes == 1
    assert standalone.identified == publish(103, level=Level.REGION) == 105
    # Shares are worked from the rounded counts: 40 of 50, not 41 of 52.
    assert standalone.screened_within_target == Decimal("80.0")
    assert standalone.first_appointment == Decimal("75.0")
    small = lines["voluntary_sector_partner"]
    assert small.identified is SUPPRESSED and small.per_100k is SUPPRESSED
    assert small.screened_within_target is SUPPRESSED
    assert lines["integrated_custody_healthcare"].schemes == 0
    assert lines["integrated_custody_healthcare"].screened_within_target is None


def test_a_scheme_without_an_arrangement_is_counted_apart(governance: Governance):
    lines = {line.code: line for line in compare(period=PERIOD, computed=_computed())}
    assert lines["not_recorded"].schemes == 2


def test_the_rate_per_100000_is_worked_from_the_published_count():
    assert _per_100k(publish(103, level=Level.REGION), 250_000) == Decimal("42.0")
    assert _per_100k(publish(3, level=Level.REGION), 250_000) is SUPPRESSED
    assert _per_100k(publish(0, level=Level.REGION), 0) is None
