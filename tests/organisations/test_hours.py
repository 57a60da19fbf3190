"""Opening hours as periods per weekday: 24/7 is computed, not typed, and the coverage page
lists the custody suites without it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError

from liaison.organisations import hours
from liaison.organisations.actions import site_hours_set
from liaison.organisations.coverage import custody_cover
from liaison.organisations.models import OpeningPeriod, OrganisationEvent, SiteKind
from tests import factories

DAY = hours.DAY_MINUTES


def test_every_minute_of_every_day_is_24_7_even_split_into_shifts():
    shifts = [hours.Period(d, 0, 8 * 60) for d in range(7)] + [hours.Period(d, 8 * 60, DAY) for d in range(7)]
    assert hours.is_24_7(shifts)
    assert hours.describe(shifts) == "24 hours, 7 days"


@pytest.mark.parametrize(
    "periods",
    [
        hours.every_day(7 * 60, 22 * 60),
        hours.weekdays(0, DAY),  # no weekend
        [hours.Period(d, 0, 8 * 60) for d in range(7)] + [hours.Period(d, 9 * 60, DAY) for d in range(7)],  # a gap
        [],
    ],
)
def test_a_gap_anywhere_in_the_week_is_not_24_7(periods):
    assert not hours.is_24_7(periods)


def test_hours_read_as_people_write_them():
    assert hours.describe(hours.every_day(7 * 60, 22 * 60)) == "07:00 to 22:00, 7 days"
    assert hours.describe(hours.weekdays(9 * 60, 17 * 60)) == "09:00 to 17:00, Monday to Friday"
    saturday = [*hours.weekdays(9 * 60, 17 * 60), hours.Period(5, 10 * 60, 14 * 60)]
    assert hours.describe(saturday) == "09:00 to 17:00, Monday to Friday; 10:00 to 14:00, Saturday"
    assert hours.describe([]) == "No hours recorded"


def test_the_old_phrases_are_parsed_and_others_are_not_guessed():
    assert hours.is_24_7(hours.parse("24 hours, 7 days"))
    assert hours.describe(hours.parse("09:00 to 17:00, Monday to Friday")) == "09:00 to 17:00, Monday to Friday"
    assert hours.parse("mornings mostly") == []


def test_open_at_a_moment_in_london_time():
    weekdays = hours.weekdays(9 * 60, 17 * 60)
    # 2026-07-01 is a Wednesday; 08:30 UTC is 09:30 in London (summer time).
    assert hours.is_open(weekdays, datetime(2026, 7, 1, 8, 30, tzinfo=UTC))
    assert not hours.is_open(weekdays, datetime(2026, 7, 4, 12, 0, tzinfo=UTC))  # a Saturday


@pytest.mark.parametrize("opens, closes", [(600, 600), (700, 600), (0, DAY + 1)])
def test_a_period_must_open_before_it_closes_within_the_day(opens, closes):
    with pytest.raises(ValueError):
        hours.Period(0, opens, closes)


def test_the_database_refuses_a_period_that_closes_before_it_opens(network):
    with pytest.raises(IntegrityError):
        OpeningPeriod.objects.create(site=network.custody_a, weekday=0, opens=600, closes=500)


def test_setting_a_sites_hours_records_the_change_in_words(network):
    site_hours_set(by=network.admin, site=network.custody_a, periods=hours.every_day(0, DAY))
    site_hours_set(by=network.admin, site=network.custody_a, periods=hours.every_day(7 * 60, 22 * 60))
    event = OrganisationEvent.objects.filter(subject="site", subject_id=network.custody_a.pk).latest("id")
    assert event.data["changes"] == {"operating_hours": ["24 hours, 7 days", "07:00 to 22:00, 7 days"]}
    assert network.custody_a.operating_hours == "07:00 to 22:00, 7 days"


def test_the_custody_check_lists_the_suites_of_live_schemes_without_24_7_cover(network):
    site_hours_set(by=network.admin, site=network.custody_a, periods=hours.every_day(0, DAY))
    site_hours_set(by=network.admin, site=network.custody_b, periods=hours.weekdays(9 * 60, 17 * 60))
    court = factories.site(scheme=network.scheme_a, kind=SiteKind.MAGISTRATES_COURT)
    site_hours_set(by=network.admin, site=court, periods=hours.weekdays(9 * 60, 17 * 60))
    cover = custody_cover(date(2026, 1, 1))
    assert (cover.suites, cover.round_the_clock) == (2, 1)
    assert cover.short == [network.custody_b]
    assert cover.percent == 50.0
    assert custody_cover(date(2010, 1, 1)).suites == 0  # before any scheme went live


def test_the_coverage_page_shows_the_custody_check(client, network):
    site_hours_set(by=network.admin, site=network.custody_b, periods=hours.weekdays(9 * 60, 17 * 60))
    client.force_login(network.commissioner)
    page = client.get("/network/coverage/").content.decode()
    assert "Custody suites without 24/7 cover" in page
    assert "09:00 to 17:00, Monday to Friday" in page
