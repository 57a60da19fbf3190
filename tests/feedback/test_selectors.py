"""Feedback results under disclosure control, and who reads people's own words."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from liaison.core import clock
from liaison.core.errors import NotFound
from liaison.feedback import selectors
from liaison.reporting.disclosure import SUPPRESSED

from .conftest import given


def _period():
    return clock.today() - timedelta(days=30), clock.today()


def test_england_shows_true_counts_and_the_friends_and_family_test_percentage_positive(network):
    given(network.scheme_a, "very_good", 3)
    given(network.scheme_a, "good", 2)
    given(network.scheme_b, "poor", 2)
    given(network.scheme_b, "dont_know", 1)
    start, end = _period()
    england = selectors.national_results(user=network.commissioner, start=start, end=end)
    assert england.responses == 8
    # Positive over every response, "don't know" included: 5 of 8.
    assert england.positive == Decimal("62.5")
    assert england.negative == Decimal("25.0")
    assert dict(england.answer_rows())["Don't know"] == "1"


def test_a_schemes_small_counts_are_suppressed_and_so_is_its_percentage(network):
    given(network.scheme_a, "very_good", 3)
    start, end = _period()
    [(scheme, shown)] = selectors.scheme_results(user=network.team_lead_a, start=start, end=end)
    assert scheme == network.scheme_a
    assert shown.responses is SUPPRESSED
    assert shown.positive is SUPPRESSED
    assert shown.positive_text == "*"


def test_a_schemes_larger_counts_are_rounded(network):
    given(network.scheme_a, "good", 12)
    given(network.scheme_a, "poor", 9)
    start, end = _period()
    shown = selectors.one_scheme_results(scheme=network.scheme_a, start=start, end=end)
    assert shown.responses == 20  # 21 rounded to the nearest 5
    assert shown.overall.rows["good"] == 10 and shown.overall.rows["poor"] == 10
    assert shown.positive_text == "50.0%"


def test_feedback_outside_the_period_is_not_counted(network):
    given(network.scheme_a, "good", 2, on=clock.today() - timedelta(days=400))
    start, end = _period()
    assert selectors.national_results(user=network.analyst, start=start, end=end).responses == 0


def test_the_easy_read_questions_count_only_those_who_answered_them(network):
    given(network.scheme_a, "good", 2, answers={"listened": "yes"})
    given(network.scheme_a, "good", 1)
    start, end = _period()
    rows = dict(selectors.national_results(user=network.analyst, start=start, end=end).question_rows())
    assert rows["Did we listen to you?"] == ["2", "0", "0", "0"]
    assert rows["Did you feel safe to talk to us?"] == ["0", "0", "0", "0"]


def test_practitioners_see_no_results(network):
    start, end = _period()
    with pytest.raises(NotFound):
        selectors.national_results(user=network.practitioner_a, start=start, end=end)


def test_only_the_schemes_leads_read_what_people_wrote(network):
    given(network.scheme_a, "poor", 1, what_could_be_better="Nobody told me about my solicitor")
    given(network.scheme_a, "good", 1)
    start, end = _period()
    written = selectors.comments(user=network.team_lead_a, scheme=network.scheme_a, start=start, end=end)
    assert [r.what_could_be_better for r in written] == ["Nobody told me about my solicitor"]
    for who in (network.commissioner, network.analyst, network.team_lead_b):
        with pytest.raises(NotFound):
            selectors.comments(user=who, scheme=network.scheme_a, start=start, end=end)


def test_another_schemes_results_are_not_found(network):
    with pytest.raises(NotFound):
        selectors.scheme_get(user=network.team_lead_b, code=network.scheme_a.code)
    with pytest.raises(NotFound):
        selectors.scheme_get(user=network.team_lead_b, code="NO-SUCH")


def test_a_link_naming_a_site_of_another_scheme_counts_for_the_scheme_alone(network):
    assert selectors.site_for_feedback(network.scheme_a, network.custody_b.pk) is None
    assert selectors.site_for_feedback(network.scheme_a, "../1") is None
    assert selectors.site_for_feedback(network.scheme_a, str(network.custody_a.pk)) == network.custody_a
