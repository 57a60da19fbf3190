"""Each scorer at every band boundary and at the extremes, against the official rules (domain.md)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison.screening.scorers import (
    HELPS_THREE_PART,
    HELPS_TWO_OR_MORE,
    score_audit,
    score_auditc,
    score_bjmhs,
    score_dast10,
    score_gad7,
    score_helps,
    score_helps_three_part,
    score_helps_two_or_more,
    score_ld_core,
    score_phq9,
)
from tests.screening import answers


def _spread(total: int, items: int, top: int) -> list[int]:
    """Item scores adding up to `total`, each at most `top`."""
    out = []
    for _ in range(items):
        out.append(min(top, total))
        total -= out[-1]
    assert total == 0
    return out


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"), (27, "severe")],
)  # fmt: skip
def test_phq9_bands(total, band):
    # Item 9 kept at 0 so only the total is under test.
    score = score_phq9(answers.phq9(*_spread(total, 8, 3), 0) if total <= 24 else answers.phq9(*[3] * 9))
    assert (score.total, score.band.code) == (total, band)


@pytest.mark.parametrize(("total", "suggests"), [(9, False), (10, True), (27, True), (0, False)])
def test_phq9_suggests_mental_health_suspected_from_10(total, suggests):
    score = score_phq9(answers.phq9(*_spread(total, 9, 3)))
    assert [(s.domain, s.status) for s in score.suggestions] == ([("mental_health", "suspected")] if suggests else [])


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_phq9_item_9_above_0_raises_the_safety_prompt_and_nothing_else(item9):
    score = score_phq9(answers.phq9(0, 0, 0, 0, 0, 0, 0, 0, item9))
    assert score.safety_prompt
    assert score.total == item9
    assert [f.code for f in score.flags] == ["safety_prompt"]
    assert "not a risk score" in score.flags[0].text


def test_phq9_item_9_at_0_raises_no_prompt_even_at_the_top_of_the_scale():
    score = score_phq9(answers.phq9(3, 3, 3, 3, 3, 3, 3, 3, 0))
    assert (score.total, score.safety_prompt) == (24, False)


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "severe"), (21, "severe")],
)  # fmt: skip
def test_gad7_bands(total, band):
    score = score_gad7(answers.gad7(*_spread(total, 7, 3)))
    assert (score.total, score.band.code, bool(score.suggestions)) == (total, band, total >= 10)


def _audit(total: int) -> dict[str, str]:
    # Items 9 and 10 score 0, 2 or 4: fill them in steps of 2 first where the total allows.
    nine_ten = []
    rest = total
    for _ in range(2):
        step = 4 if rest - 4 >= 0 and rest > 32 else 0
        nine_ten.append(step)
        rest -= step
    return answers.audit(*_spread(rest, 8, 4), *nine_ten)


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "lower"), (7, "lower"), (8, "increasing"), (15, "increasing"), (16, "higher"), (19, "higher"),
     (20, "dependence"), (40, "dependence")],
)  # fmt: skip
def test_audit_uk_zones(total, band):
    score = score_audit(_audit(total))
    assert (score.total, score.band.code) == (total, band)


@pytest.mark.parametrize(("total", "suggests"), [(15, False), (16, True), (40, True)])
def test_audit_suggests_alcohol_suspected_from_16(total, suggests):
    score = score_audit(_audit(total))
    assert [(s.domain, s.status) for s in score.suggestions] == ([("alcohol", "suspected")] if suggests else [])


def test_audit_items_9_and_10_score_0_2_or_4():
    assert score_audit(answers.audit(0, 0, 0, 0, 0, 0, 0, 0, 2, 4)).total == 6


@pytest.mark.parametrize(("total", "band"), [(0, "lower"), (4, "lower"), (5, "positive"), (12, "positive")])
def test_auditc_uses_the_uk_threshold_of_5(total, band):
    score = score_auditc({str(n): str(p) for n, p in enumerate(_spread(total, 3, 4), 1)})
    assert (score.total, score.band.code) == (total, band)
    assert [f.code for f in score.flags] == (["complete_full_audit"] if total >= 5 else [])
    assert score.suggestions == ()


def _dast(total: int) -> dict[str, bool]:
    # Question 3 scores for "no": use it first, then the others in order.
    yes = {"3"}
    if total:
        yes.discard("3")
        total -= 1
    yes |= {str(n) for n in [1, 2, 4, 5, 6, 7, 8, 9, 10][:total]}
    return answers.dast10(yes)


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "none"), (1, "low"), (2, "low"), (3, "moderate"), (5, "moderate"), (6, "substantial"), (8, "substantial"),
     (9, "severe"), (10, "severe")],
)  # fmt: skip
def test_dast10_bands(total, band):
    score = score_dast10(_dast(total))
    assert (score.total, score.band.code, bool(score.suggestions)) == (total, band, total >= 3)


def test_dast10_question_3_scores_for_no():
    assert score_dast10(answers.dast10(set())).total == 1
    assert score_dast10(answers.dast10({"3"})).total == 0


@pytest.mark.parametrize(
    ("yes", "refer"),
    [
        (set(), False),
        ({"1"}, False),
        ({"1", "6"}, True),
        ({"7"}, True),
        ({"8"}, True),
        ({"9"}, True),
        ({"1", "2", "3", "4", "5", "6", "7", "8", "9"}, True),
    ],
)
def test_bjmhs_referral_rule(yes, refer):
    score = score_bjmhs(answers.bjmhs(yes))
    assert score.band.code == ("refer" if refer else "no_referral")
    assert [(s.domain, s.status) for s in score.suggestions] == ([("mental_health", "suspected")] if refer else [])


def test_bjmhs_total_counts_the_current_symptoms_only():
    assert score_bjmhs(answers.bjmhs({"1", "2", "7", "8", "9"})).total == 2


@pytest.mark.parametrize(("yes", "band"), [(set(), "negative"), ({"H"}, "negative"), ({"H", "L"}, "positive"),
                                           ({"H", "E", "L", "P", "S"}, "positive")])  # fmt: skip
def test_helps_2_or_more_suggests_brain_injury(yes, band):
    score = score_helps_two_or_more(answers.helps(yes))
    assert (score.total, score.band.code) == (len(yes), band)
    assert [s.domain for s in score.suggestions] == (["brain_injury"] if len(yes) >= 2 else [])


@pytest.mark.parametrize(
    ("yes", "band"),
    [
        ({"H", "L", "P"}, "positive"),  # an event, loss of consciousness, problems since
        ({"E", "P"}, "positive"),  # seen for a head injury: an event and a sign of severity
        ({"S", "L", "P"}, "positive"),  # a significant illness is an event too
        ({"H", "E", "L", "S"}, "negative"),  # no problems since
        ({"H", "P"}, "negative"),  # no sign of severity
        ({"L", "P"}, "negative"),  # no event
        (set(), "negative"),
    ],
)
def test_helps_three_part_rule_needs_an_event_a_sign_of_severity_and_problems_since(yes, band):
    score = score_helps_three_part(answers.helps(yes))
    assert (score.total, score.band.code) == (len(yes), band)
    assert [s.domain for s in score.suggestions] == (["brain_injury"] if band == "positive" else [])


def test_helps_bands_say_which_rule_was_applied():
    assert "2 or more" in score_helps_two_or_more(answers.helps({"H", "P"})).band.meaning
    assert "three-part" in score_helps_three_part(answers.helps({"H", "P"})).band.meaning


def test_helps_scores_by_the_two_or_more_rule_by_default():
    assert score_helps(answers.helps({"H", "P"})).band.code == "positive"


def test_helps_scores_by_the_forms_three_part_rule_when_the_setting_says_so(settings):
    settings.HELPS_RULE = HELPS_THREE_PART
    assert score_helps(answers.helps({"H", "P"})).band.code == "negative"
    assert score_helps(answers.helps({"H", "L", "P"})).band.code == "positive"


def test_helps_scores_by_the_two_or_more_rule_when_the_setting_says_so(settings):
    settings.HELPS_RULE = HELPS_TWO_OR_MORE
    assert score_helps(answers.helps({"H", "E", "L", "S"})).band.code == "positive"


def test_the_core_screen_records_findings_as_entered_and_scores_nothing():
    score = score_ld_core(answers.ld_core({"mental_health": "confirmed", "drugs": "ruled_out"}))
    assert (score.total, score.band, score.suggestions) == (None, None, ())
    assert {(r.domain, r.status, r.source) for r in score.recorded} == {
        ("mental_health", "confirmed", "screening"),
        ("drugs", "ruled_out", "screening"),
    }
    assert not score.safety_prompt


def test_a_self_harm_concern_in_the_core_screen_raises_the_prompt_not_a_score():
    score = score_ld_core(answers.ld_core({"self_harm": "suspected"}))
    assert score.safety_prompt
    assert score.total is None


# ---- properties: the total stays in range; raising any answer never lowers it (except DAST-10 item 3).

points = st.integers(min_value=0, max_value=3)


@given(st.lists(points, min_size=9, max_size=9), st.integers(0, 8))
def test_phq9_total_in_range_and_monotonic(items, which):
    before = score_phq9(answers.phq9(*items)).total
    assert 0 <= before <= 27
    raised = list(items)
    raised[which] = min(3, raised[which] + 1)
    assert score_phq9(answers.phq9(*raised)).total >= before


@given(st.lists(points, min_size=7, max_size=7), st.integers(0, 6))
def test_gad7_total_in_range_and_monotonic(items, which):
    before = score_gad7(answers.gad7(*items)).total
    assert 0 <= before <= 21
    raised = list(items)
    raised[which] = min(3, raised[which] + 1)
    assert score_gad7(answers.gad7(*raised)).total >= before


audit_items = st.tuples(*[st.integers(0, 4)] * 8, st.sampled_from([0, 2, 4]), st.sampled_from([0, 2, 4]))


@given(audit_items, st.integers(0, 9))
def test_audit_total_in_range_and_monotonic(items, which):
    before = score_audit(answers.audit(*items)).total
    assert 0 <= before <= 40
    raised = list(items)
    raised[which] = min(4, raised[which] + (2 if which >= 8 else 1))
    assert score_audit(answers.audit(*raised)).total >= before
    assert score_auditc(answers.audit(*items[:3])).total <= 12


yes_sets = st.sets(st.sampled_from([str(n) for n in range(1, 11)]))


@given(yes_sets, st.sampled_from([str(n) for n in range(1, 11)]))
def test_dast10_total_in_range_and_monotonic_except_question_3(yes, which):
    before = score_dast10(answers.dast10(yes)).total
    assert 0 <= before <= 10
    after = score_dast10(answers.dast10(yes | {which})).total
    if which == "3":
        assert after <= before  # by design: "always able to stop" scores for no
    else:
        assert after >= before


@given(st.sets(st.sampled_from([str(n) for n in range(1, 10)])), st.sampled_from([str(n) for n in range(1, 10)]))
def test_bjmhs_total_in_range_and_monotonic(yes, which):
    before = score_bjmhs(answers.bjmhs(yes))
    after = score_bjmhs(answers.bjmhs(yes | {which}))
    assert 0 <= before.total <= 6
    assert after.total >= before.total
    assert not (before.band.code == "refer" and after.band.code != "refer")


@given(st.sets(st.sampled_from(["H", "E", "L", "P", "S"])), st.sampled_from(["H", "E", "L", "P", "S"]))
def test_helps_total_in_range_and_monotonic(yes, which):
    before = score_helps(answers.helps(yes)).total
    assert 0 <= before <= 5
    assert score_helps(answers.helps(yes | {which})).total >= before
