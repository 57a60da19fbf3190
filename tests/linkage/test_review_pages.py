"""The review pages: the queue, a pair side by side, merging with a confirmation, "not the same
person", the merge history and undoing a merge."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from liaison.linkage.models import DuplicateSuggestion, PersonMerge, SuggestionStatus
from liaison.people.models import Person
from tests import factories


@pytest.fixture
def suggestion(network: Any) -> DuplicateSuggestion:
    for family in ("Ashworth", "Ashwort"):
        who = factories.person(
            by=network.practitioner_a,
            scheme=network.scheme_a,
            given_name="Jordan",
            family_name=family,
            date_of_birth=date(1990, 5, 17),
            sex="1",
            postcode="LS6 2AB",
        )
        factories.episode(
            by=network.practitioner_a, site=network.custody_a if family == "Ashworth" else network.court_a, who=who
        )
    call_command("linkage", "review")
    return DuplicateSuggestion.objects.get()


def _as(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_queue_shows_the_pair_with_its_evidence_and_model_version(network, suggestion) -> None:
    page = _as(network.team_lead_a).get("/people/duplicates/").content.decode()
    assert "Jordan Ashwort" in page and suggestion.model_version in page and "Date of birth: the same" in page


def test_the_menu_offers_the_queue_to_team_leads_only(network, suggestion) -> None:
    assert b"Likely duplicates" in _as(network.team_lead_a).get("/people/").content
    assert b"Likely duplicates" not in _as(network.practitioner_a).get("/people/").content


def test_practitioners_and_other_schemes_cannot_open_the_review_pages(network, suggestion) -> None:
    assert _as(network.practitioner_a).get("/people/duplicates/").status_code == 403
    assert _as(network.team_lead_b).get(f"/people/duplicates/{suggestion.pk}/").status_code == 404


def test_merging_asks_for_confirmation_then_merges_into_the_chosen_record(network, suggestion) -> None:
    c, url = _as(network.team_lead_a), f"/people/duplicates/{suggestion.pk}/"
    keep = str(suggestion.person_a_id)
    asked = c.post(url, {"keep": keep, "reason": "Same PNC record"})
    assert asked.status_code == 200 and b"Confirm the merge" in asked.content
    assert PersonMerge.objects.count() == 0
    done = c.post(url, {"keep": keep, "reason": "Same PNC record", "confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == f"/people/{keep}/"
    merge = PersonMerge.objects.get()
    assert str(merge.kept_id) == keep and merge.reason == "Same PNC record"


def test_a_merge_without_a_reason_is_refused_on_the_page(network, suggestion) -> None:
    page = _as(network.team_lead_a).post(
        f"/people/duplicates/{suggestion.pk}/", {"keep": str(suggestion.person_a_id), "reason": ""}
    )
    assert page.status_code == 200 and b"Enter a reason" in page.content and PersonMerge.objects.count() == 0


def test_not_the_same_person_is_recorded_from_the_pair_page(network, suggestion) -> None:
    done = _as(network.team_lead_a).post(
        f"/people/duplicates/{suggestion.pk}/", {"not_same": "1", "not_same-reason": "Twins"}
    )
    assert done.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NOT_SAME


def test_the_merged_away_record_redirects_to_the_kept_one_and_the_merge_can_be_undone(network, suggestion) -> None:
    c, url = _as(network.team_lead_a), f"/people/duplicates/{suggestion.pk}/"
    c.post(url, {"keep": str(suggestion.person_a_id), "reason": "Same", "confirmed": "yes"})
    gone = _as(network.practitioner_a).get(f"/people/{suggestion.person_b_id}/")
    assert gone.status_code == 302 and gone["Location"] == f"/people/{suggestion.person_a_id}/"
    merge = PersonMerge.objects.get()
    assert b"Undo merge" in c.get("/people/merges/").content
    assert c.post(f"/people/merges/{merge.pk}/undo/", {"reason": ""}).status_code == 200
    assert c.post(f"/people/merges/{merge.pk}/undo/", {"reason": "Twins"}).status_code == 302
    assert Person.objects.get(pk=suggestion.person_b_id).merged_into is None
    assert _as(network.team_lead_b).get(f"/people/merges/{merge.pk}/undo/").status_code == 404
