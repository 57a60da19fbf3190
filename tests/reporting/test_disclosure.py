"""Disclosure control: no figure below national level gives a small count away."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from liaison.reporting.disclosure import (
    NOT_FOR_PUBLICATION,
    SUPPRESSED,
    Level,
    Policy,
    Suppressed,
    Unrounded,
    percentage,
    policy_problem,
    publish,
    publish_table,
    unrounded,
    unrounded_percentage,
)

SUB_NATIONAL = [Level.REGION, Level.SCHEME, Level.SITE]
counts = st.integers(min_value=0, max_value=10**9)
sub_national = st.sampled_from(SUB_NATIONAL)
levels = st.sampled_from(list(Level))


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    suppress_below = draw(st.integers(min_value=1, max_value=50))
    round_to = draw(st.integers(min_value=1, max_value=2 * suppress_below))
    problem = policy_problem(suppress_below, round_to)
    if problem is not None:
        # The nearest usable policy: rounding as coarsely as this threshold allows.
        round_to = 1
    return Policy(suppress_below=suppress_below, round_to=round_to)


def as_number(shown):
    """A published figure as a number, a suppressed one counting as 0 (for comparing sizes)."""
    return 0 if shown is SUPPRESSED else shown


# The examples in docs/domain.md, under the default policy.


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, SUPPRESSED), (7, SUPPRESSED), (8, 10), (9, 10), (10, 10), (11, 10), (12, 10), (13, 15), (17, 15)],
)
@pytest.mark.parametrize("level", SUB_NATIONAL)
def test_below_national_0_stays_0_1_to_7_is_suppressed_and_8_and_above_rounds_to_the_nearest_5(count, shown, level):
    assert publish(count, level=level) == shown


@pytest.mark.parametrize("count", [0, 1, 7, 8, 12, 13, 1234])
def test_national_figures_are_published_as_they_are(count):
    assert publish(count, level=Level.NATIONAL) == count


def test_the_suppressed_marker_shows_as_a_star_and_stays_the_one_marker():
    assert str(SUPPRESSED) == "*"
    assert Suppressed() is SUPPRESSED
    assert pickle.loads(pickle.dumps(SUPPRESSED)) is SUPPRESSED  # noqa: S301 - our own bytes


def test_a_percentage_below_national_is_computed_from_the_rounded_figures():
    # 12 of 13 is 92.3%; published, it is 10 of 15.
    assert percentage(12, 13, level=Level.SCHEME) == Decimal("66.7")
    assert percentage(12, 13, level=Level.NATIONAL) == Decimal("92.3")


def test_a_percentage_is_suppressed_when_either_figure_is():
    assert percentage(5, 20, level=Level.SITE) is SUPPRESSED
    assert percentage(3, 6, level=Level.SITE) is SUPPRESSED


def test_a_percentage_of_nothing_is_not_shown_but_none_of_something_is_0():
    assert percentage(0, 0, level=Level.REGION) is SUPPRESSED
    assert percentage(0, 0, level=Level.NATIONAL) is SUPPRESSED
    assert percentage(0, 20, level=Level.REGION) == Decimal("0.0")


def test_a_percentage_rounds_a_half_up_to_the_places_asked_for():
    assert percentage(1, 8, level=Level.NATIONAL) == Decimal("12.5")
    assert percentage(1, 8, level=Level.NATIONAL, places=0) == Decimal("13")
    assert percentage(10, 15, level=Level.SCHEME, places=2) == Decimal("66.67")


def test_a_numerator_larger_than_its_denominator_is_a_mistake_not_a_percentage():
    with pytest.raises(ValueError, match="cannot exceed"):
        percentage(14, 13, level=Level.SCHEME)


@pytest.mark.parametrize("count", [-1, True, 2.0, "8"])
def test_only_a_whole_count_of_zero_or_more_can_be_published(count):
    with pytest.raises((TypeError, ValueError)):
        publish(count, level=Level.SCHEME)


def test_a_table_is_published_cell_by_cell_with_its_total_rounded_from_the_true_total():
    table = publish_table({"custody": 12, "court": 3, "voluntary": 0}, level=Level.SCHEME)
    assert table.rows == {"custody": 10, "court": SUPPRESSED, "voluntary": 0}
    # 15 in truth; adding the shown cells (10 + * + 0) would never say so.
    assert table.total == 15


def test_a_national_table_is_published_as_it_is():
    table = publish_table({"custody": 12, "court": 3}, level=Level.NATIONAL)
    assert table.rows == {"custody": 12, "court": 3}
    assert table.total == 15


# Unrounded figures, for scheme staff checking their own.


def test_an_unrounded_figure_is_the_true_count_and_never_prints_without_its_label():
    figure = unrounded(3)
    assert isinstance(figure, Unrounded)
    assert figure.value == 3
    assert figure.label == NOT_FOR_PUBLICATION == "not for publication"
    assert str(figure) == "3 (not for publication)"
    assert figure != 3


def test_an_unrounded_percentage_is_the_true_share_or_no_figure_when_there_is_nothing_to_share():
    assert unrounded_percentage(12, 13).value == Decimal("92.3")
    assert unrounded_percentage(0, 0).value is None
    assert str(unrounded_percentage(0, 0)) == "no figure (not for publication)"


def test_an_unrounded_figure_cannot_be_published_by_mistake():
    with pytest.raises(TypeError):
        publish(unrounded(12), level=Level.SCHEME)  # mypy refuses this line too


# The policy and its settings.


def test_the_policy_in_force_comes_from_the_settings():
    with override_settings(DISCLOSURE_SUPPRESS_BELOW=10, DISCLOSURE_ROUND_TO=10):
        assert publish(9, level=Level.SCHEME) is SUPPRESSED
        assert publish(14, level=Level.SCHEME) == 10
        assert publish(15, level=Level.SCHEME) == 20  # a half rounds up
        assert percentage(14, 15, level=Level.SCHEME) == Decimal("50.0")


@pytest.mark.parametrize(
    ("suppress_below", "round_to", "why"),
    [
        (0, 5, "suppression threshold must be 1 or more"),
        (8, 0, "rounding base must be 1 or more"),
        (8, 6, "would show 8, the smallest count not suppressed, as 6"),
        (2, 5, "would show 2, the smallest count not suppressed, as 0"),
    ],
)
def test_a_policy_that_would_break_its_own_promises_is_refused(suppress_below, round_to, why):
    assert why in policy_problem(suppress_below, round_to)
    with pytest.raises(ValueError, match=why):
        Policy(suppress_below=suppress_below, round_to=round_to)


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import liaison.settings"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(("suppress_below", "round_to"), [("8", "5"), ("10", "10"), ("3", "5"), (" 8 ", "1")])
def test_usable_disclosure_thresholds_let_the_service_start(suppress_below, round_to):
    loaded = load_settings(LIAISON_DISCLOSURE_SUPPRESS_BELOW=suppress_below, LIAISON_DISCLOSURE_ROUND_TO=round_to)
    assert loaded.returncode == 0, loaded.stderr


@pytest.mark.parametrize(
    ("suppress_below", "round_to", "message"),
    [
        ("eight", "5", "LIAISON_DISCLOSURE_SUPPRESS_BELOW must be a whole number, not 'eight'"),
        ("8", "5.0", "LIAISON_DISCLOSURE_ROUND_TO must be a whole number, not '5.0'"),
        ("0", "5", "LIAISON_DISCLOSURE_SUPPRESS_BELOW must be 1 or more, not 0"),
        ("8", "-5", "LIAISON_DISCLOSURE_ROUND_TO must be 1 or more, not -5"),
        ("8", "6", "LIAISON_DISCLOSURE_ROUND_TO=6 would show 8, the smallest count not suppressed"),
    ],
)
def test_unusable_disclosure_thresholds_stop_the_service_from_starting(suppress_below, round_to, message):
    loaded = load_settings(LIAISON_DISCLOSURE_SUPPRESS_BELOW=suppress_below, LIAISON_DISCLOSURE_ROUND_TO=round_to)
    assert loaded.returncode != 0
    assert "ImproperlyConfigured" in loaded.stderr
    assert message in loaded.stderr


# Properties, for every count (and every usable policy).


@given(count=counts, level=sub_national)
def test_no_published_count_below_national_is_1_to_7_and_every_one_is_0_a_star_or_a_multiple_of_5(count, level):
    shown = publish(count, level=level)
    assert shown is SUPPRESSED or (shown % 5 == 0 and shown not in range(1, 8))


@given(count=counts, level=sub_national, policy=policies())
def test_under_any_usable_policy_a_published_count_is_0_a_star_or_a_multiple_outside_the_suppressed_range(
    count, level, policy
):
    shown = publish(count, level=level, policy=policy)
    assert shown is SUPPRESSED or (shown % policy.round_to == 0 and shown not in range(1, policy.suppress_below))
    assert (shown == 0) == (count == 0)
    if shown is not SUPPRESSED:
        assert abs(shown - count) * 2 <= policy.round_to


@given(suppress_below=st.integers(min_value=1, max_value=50), round_to=st.integers(min_value=1, max_value=100))
def test_a_policy_is_refused_exactly_when_some_count_would_break_the_rule(suppress_below, round_to):
    def nearest(count):  # worked out another way than the module's integer arithmetic
        return round_to * int((Decimal(count) / Decimal(round_to)).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    shown = [nearest(count) for count in range(suppress_below, suppress_below + 2 * round_to + 1)]
    breaks = any(figure < suppress_below or figure == 0 for figure in shown)
    assert (policy_problem(suppress_below, round_to) is not None) == breaks


@given(count=counts, policy=policies())
def test_national_figures_are_unchanged_whatever_the_policy(count, policy):
    assert publish(count, level=Level.NATIONAL, policy=policy) == count


@given(smaller=counts, larger=counts, level=levels, policy=policies())
def test_a_larger_true_count_never_publishes_smaller(smaller, larger, level, policy):
    smaller, larger = sorted((smaller, larger))
    assert as_number(publish(smaller, level=level, policy=policy)) <= as_number(
        publish(larger, level=level, policy=policy)
    )


@given(data=st.data(), level=levels, policy=policies())
def test_a_percentage_is_the_share_of_the_published_figures_and_never_over_100(data, level, policy):
    denominator = data.draw(counts)
    numerator = data.draw(st.integers(min_value=0, max_value=denominator))
    shown = percentage(numerator, denominator, level=level, policy=policy)
    top, bottom = publish(numerator, level=level, policy=policy), publish(denominator, level=level, policy=policy)
    if SUPPRESSED in (top, bottom) or bottom == 0:
        assert shown is SUPPRESSED
    else:
        assert shown == (Decimal(100 * top) / Decimal(bottom)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert Decimal(0) <= shown <= Decimal(100)


@given(suppress_below=st.integers(min_value=1, max_value=30), round_to=st.integers(min_value=1, max_value=30))
def test_the_settings_in_force_are_the_ones_applied(suppress_below, round_to):
    if policy_problem(suppress_below, round_to) is not None:
        return
    with override_settings(DISCLOSURE_SUPPRESS_BELOW=suppress_below, DISCLOSURE_ROUND_TO=round_to):
        for count in range(1, suppress_below):
            assert publish(count, level=Level.SITE) is SUPPRESSED
        shown = publish(suppress_below, level=Level.SITE)
        assert shown != SUPPRESSED and shown % round_to == 0 and shown >= suppress_below


@given(rows=st.dictionaries(st.text(max_size=5), counts, max_size=8), level=levels, policy=policies())
def test_every_cell_and_the_total_of_a_table_are_published_by_the_same_rule(rows, level, policy):
    table = publish_table(rows, level=level, policy=policy)
    assert table.rows == {key: publish(count, level=level, policy=policy) for key, count in rows.items()}
    assert table.total == publish(sum(rows.values()), level=level, policy=policy)
