"""Every tag has a whitelist decision, and a whitelist names only fields its tag has."""

from __future__ import annotations

from liaison.core.events import EVENTS
from liaison.reporting.whitelist import WHITELIST


def test_every_declared_tag_has_a_whitelist_decision():
    undecided = {t.tag for t in EVENTS.all()} - set(WHITELIST)
    assert not undecided, f"decide what of {sorted(undecided)} goes into the analytics store (reporting/whitelist.py)"


def test_no_whitelist_names_a_tag_that_is_not_declared():
    assert set(WHITELIST) <= {t.tag for t in EVENTS.all()}


def test_a_whitelist_names_only_fields_of_its_tags_current_payload():
    for tag, rules in WHITELIST.items():
        if rules:
            fields = set(EVENTS.get(tag).payload.model_fields)
            assert set(rules) <= fields, tag


def test_words_never_pass_the_whitelist():
    words = {"note", "reason", "summary", "alerted_by", "text", "plan", "recommendations", "username", "worker"}
    for tag, rules in WHITELIST.items():
        assert not words & set(rules or {}), tag
    # Outcomes in words (an appointment's, a support contact's); closure outcomes are codes.
    assert "outcome" not in (WHITELIST["referral:update"] or {})
    assert "outcome" not in (WHITELIST["support:contact"] or {})
