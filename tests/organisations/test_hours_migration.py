"""The migration that replaced the free-text operating hours with opening periods: the phrases
the service wrote become periods, anything else is not guessed at."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.organisations import hours
from tests.organisations.test_footprint_migration import migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("organisations", "0006_scheme_contact")]
AFTER = [("organisations", "0007_site_opening_periods")]


def test_written_hours_become_opening_periods():
    old = migrate(BEFORE)
    region = old.get_model("organisations", "Region").objects.create(code="Y99", name="Somewhere")
    scheme = old.get_model("organisations", "Scheme").objects.create(
        code="HRS", name="Hours", provider="Trust", region=region, wave=1, go_live=date(2014, 4, 1)
    )
    Site = old.get_model("organisations", "Site")
    for code, text in [("H24", "24 hours, 7 days"), ("WKD", "09:00 to 17:00, Monday to Friday"), ("ODD", "Tuesdays")]:
        Site.objects.create(scheme=scheme, code=code, name=code, kind="custody_suite", operating_hours=text)
    try:
        new = migrate(AFTER)
        Period = new.get_model("organisations", "OpeningPeriod")

        def periods(code: str) -> list[hours.Period]:
            rows = Period.objects.filter(site__code=code)
            return [hours.Period(p.weekday, p.opens, p.closes) for p in rows]

        assert hours.is_24_7(periods("H24"))
        assert hours.describe(periods("WKD")) == "09:00 to 17:00, Monday to Friday"
        assert periods("ODD") == []
    finally:
        migrate()
