"""Merging two records of one person, and undoing it: everything moves, nothing is lost, the
undo puts back exactly what was there, and only team leads of a holding scheme may do either."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from liaison.audit.models import AccessAudit
from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.linkage import merging
from liaison.linkage.actions import people_merge, people_unmerge
from liaison.linkage.models import DuplicateSuggestion, MatchKey, PersonMerge, SuggestionStatus
from liaison.linkage.selectors import candidates, query_record
from liaison.people import names
from liaison.people.models import Alias, NameKey, Person, PersonEvent
from liaison.people.selectors import person_search
from tests import factories


def _jordan(network: Any, **details: Any) -> Person:
    fields = {"given_name": "Jordan", "family_name": "Ashworth", "date_of_birth": date(1990, 5, 17), "sex": "1"}
    return factories.person(by=network.practitioner_a, scheme=network.scheme_a, **(fields | details))


@pytest.fixture
def pair(network: Any) -> tuple[Person, Person]:
    """Jordan recorded twice, each record with an episode (and its consent), an alias and a
    local identifier."""
    kept = _jordan(
        network, postcode="LS6 2AB", aliases=[("Jay", "Ashworth")], local_identifiers=[("local_clinical", "R1")]
    )
    twice = _jordan(
        network, family_name="Ashwort", aliases=[("JJ", "Ash")], local_identifiers=[("local_clinical", "R2")]
    )
    factories.episode(by=network.practitioner_a, site=network.custody_a, who=kept)
    factories.episode(by=network.practitioner_a, site=network.court_a, who=twice)
    return kept, twice


def snapshot(*people: Person) -> dict[str, Any]:
    """Every row that points at these people, as stored (events and audit rows apart: they only
    grow), and the people themselves."""
    ids = [p.pk for p in people]
    rows: dict[str, Any] = {
        "people.person": sorted(
            (
                model_to_dict(p) | {"id": p.pk, "merged_into": p.merged_into_id}
                for p in Person.objects.filter(pk__in=ids)
            ),
            key=lambda r: str(r["id"]),
        )
    }
    for label, column in sorted(merging.relations()):
        if label in (
            "people.personevent",
            "audit.accessaudit",
            "audit.breakglass",
            "people.person",
            "linkage.personmerge",
        ):
            continue
        model = merging._rows(label).model
        found = model._default_manager.filter(**{f"{column}__in": ids})
        if label in ("linkage.matchkey", "people.namekey"):  # derived and rebuilt: compared by value
            rows[label] = sorted((str(pid), key) for pid, key in found.values_list("person_id", "key"))
        else:
            as_stored = ({f.attname: getattr(r, f.attname) for f in model._meta.concrete_fields} for r in found)
            rows[f"{label}.{column}"] = sorted(as_stored, key=lambda r: str(r["id"]))
    return rows


def test_every_table_that_points_at_a_person_has_a_rule() -> None:
    assert {label for label, _ in merging.relations()} == set(merging.MOVES) | set(merging.STAYS)


def test_a_merge_moves_every_episode_alias_and_identifier_to_the_kept_record(network, pair) -> None:
    kept, twice = pair
    merge = people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same NHS number on the PNC")
    assert kept.episodes.count() == 2 and twice.episodes.count() == 0
    assert {str(a) for a in kept.aliases.all()} == {"Jay Ashworth", "JJ Ash"}
    assert sorted(kept.local_identifiers.values_list("value", flat=True)) == ["R1", "R2"]
    assert kept.consents.count() == 2 and twice.consents.count() == 0
    twice.refresh_from_db()
    assert twice.merged_into == kept and twice.family_name == "Ashwort"  # the record itself stays
    assert merge.moved["pathway.episode"] and merge.merged_by == network.team_lead_a


def test_a_merge_writes_a_person_event_and_an_audit_row_on_both_records(network, pair) -> None:
    kept, twice = pair
    people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    for p in (kept, twice):
        event = PersonEvent.objects.filter(person=p).last()
        assert event is not None and event.kind == "person:merge" and event.actor == network.team_lead_a
        assert event.data["merged_id"] == str(twice.pk) and event.data["into_id"] == str(kept.pk)
        assert event.data["reason"] == "Same person"
        audit = AccessAudit.objects.filter(person=p).order_by("id").last()
        assert audit is not None and audit.what == "merged records" and audit.reason == "Same person"


def test_an_unmerge_restores_both_records_exactly_as_they_were(network, pair) -> None:
    kept, twice = pair
    before = snapshot(kept, twice)
    events_before = {p.pk: list(PersonEvent.objects.filter(person=p).values_list("pk", flat=True)) for p in pair}
    merge = people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    assert snapshot(kept, twice) != before
    people_unmerge(by=network.team_lead_a, merge=merge, reason="Twins: different NHS numbers after all")
    assert snapshot(kept, twice) == before
    for p in pair:
        after = list(PersonEvent.objects.filter(person=p).order_by("id"))
        assert [e.pk for e in after[:-2]] == events_before[p.pk]
        assert [e.kind for e in after[-2:]] == ["person:merge", "person:unmerge"]
        assert after[-1].data["merged_id"] == str(twice.pk)
    merge.refresh_from_db()
    assert merge.undone and merge.undone_by == network.team_lead_a


def test_an_episode_opened_after_the_merge_stays_with_the_kept_record_on_unmerge(network, pair) -> None:
    kept, twice = pair
    merge = people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    later = factories.episode(by=network.practitioner_b, site=network.custody_b, who=kept, minutes_ago=5)
    people_unmerge(by=network.team_lead_a, merge=merge, reason="Not the same")
    later.refresh_from_db()
    assert later.person == kept and twice.episodes.count() == 1


@pytest.mark.parametrize("who", ["practitioner_a", "team_lead_b", "commissioner"])
def test_only_team_leads_of_a_holding_scheme_may_merge(network, pair, who) -> None:
    kept, twice = pair
    with pytest.raises(PermissionDenied):
        people_merge(by=getattr(network, who), keep=kept, absorb=twice, reason="Same person")
    assert PersonMerge.objects.count() == 0 and twice.episodes.count() == 1


@pytest.mark.parametrize("who", ["practitioner_a", "team_lead_b"])
def test_only_team_leads_of_a_holding_scheme_may_undo_a_merge(network, pair, who) -> None:
    merge = people_merge(by=network.team_lead_a, keep=pair[0], absorb=pair[1], reason="Same person")
    with pytest.raises(PermissionDenied):
        people_unmerge(by=getattr(network, who), merge=merge, reason="Not the same")
    assert not PersonMerge.objects.get().undone


def test_a_merge_needs_a_reason_and_two_records(network, pair) -> None:
    kept, twice = pair
    with pytest.raises(Invalid):
        people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="  ")
    with pytest.raises(Invalid):
        people_merge(by=network.team_lead_a, keep=kept, absorb=kept, reason="Same")
    assert PersonMerge.objects.count() == 0 and twice.episodes.count() == 1


def test_a_record_merged_away_cannot_be_merged_again_nor_kept(network, pair) -> None:
    kept, twice = pair
    third = _jordan(network, given_name="Jordon")
    people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    for keep, absorb in ((kept, twice), (twice, kept), (twice, third), (third, twice)):
        with pytest.raises(Conflict):
            people_merge(by=network.team_lead_a, keep=keep, absorb=absorb, reason="Same person")
    assert PersonMerge.objects.count() == 1


def test_a_merge_cannot_be_undone_twice_nor_under_a_later_merge(network, pair) -> None:
    kept, twice = pair
    third = _jordan(network, given_name="Jordon")
    first = people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    later = people_merge(by=network.team_lead_a, keep=third, absorb=kept, reason="Same person")
    with pytest.raises(Conflict):
        people_unmerge(by=network.team_lead_a, merge=first, reason="Wrong")
    people_unmerge(by=network.team_lead_a, merge=later, reason="Wrong")
    people_unmerge(by=network.team_lead_a, merge=first, reason="Wrong")
    with pytest.raises(Conflict):
        people_unmerge(by=network.team_lead_a, merge=first, reason="Wrong")
    assert twice.episodes.count() == 1 and kept.episodes.count() == 1 and third.episodes.count() == 0


def test_a_suggestion_merged_is_decided_and_after_an_unmerge_is_not_suggested_again(network, pair) -> None:
    kept, twice = pair
    call_command("linkage", "review")
    suggestion = DuplicateSuggestion.objects.get()
    merge = people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same", suggestion=suggestion)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.MERGED and merge.probability == suggestion.probability
    assert PersonEvent.objects.filter(person=kept).last().data["probability"] == suggestion.probability  # type: ignore[union-attr]
    people_unmerge(by=network.team_lead_a, merge=merge, reason="Twins")
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NOT_SAME and suggestion.reason == "Twins"
    call_command("linkage", "review")
    assert DuplicateSuggestion.objects.count() == 1


def test_a_suggestion_of_another_pair_cannot_carry_a_merge(network, pair) -> None:
    kept, _twice = pair
    call_command("linkage", "review")
    third = _jordan(network, given_name="Jordon")
    with pytest.raises(Invalid):
        people_merge(
            by=network.team_lead_a, keep=kept, absorb=third, reason="Same", suggestion=DuplicateSuggestion.objects.get()
        )


def test_the_batch_job_does_not_suggest_a_record_merged_away(network, pair) -> None:
    kept, twice = pair
    people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    call_command("linkage", "review")
    assert DuplicateSuggestion.objects.count() == 0


def test_search_and_seen_before_offer_the_kept_record_once(network, pair) -> None:
    kept, twice = pair
    people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    found = person_search(user=network.practitioner_a, query="Jordan Ashwort")
    assert found.mine == [kept]
    offered = candidates(query_record(given_name="Jordan", family_name="Ashwort", date_of_birth=date(1990, 5, 17)))
    assert [p for p, _ in offered] == [kept]


def test_the_kept_record_is_keyed_by_the_aliases_it_took(network, pair) -> None:
    kept, twice = pair
    people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    alias_keys = {k for k in MatchKey.objects.filter(person=kept).values_list("key", flat=True)}
    assert Alias.objects.filter(person=kept, given_name="JJ").exists()
    people_unmerge(by=network.team_lead_a, merge=PersonMerge.objects.get(), reason="Not the same")
    assert set(MatchKey.objects.filter(person=kept).values_list("key", flat=True)) < alias_keys


def test_seen_before_follows_a_record_merged_into_one_merged_in_turn(network, pair) -> None:
    kept, twice = pair
    third = _jordan(network, given_name="Jordon", family_name="Ashwurth", nhs_number="9990000026")
    factories.episode(by=network.practitioner_a, site=network.custody_a, who=third)
    # The third record into the second, then the second into the first: a chain of two.
    people_merge(by=network.team_lead_a, keep=twice, absorb=third, reason="Same person")
    people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    offered = candidates(query_record(nhs_number="9990000026"))
    assert [p for p, _ in offered] == [kept]
    assert offered[0][1].exact_identifier


def test_after_a_merge_the_kept_record_is_found_by_the_aliases_it_took_and_after_an_unmerge_not(network, pair) -> None:
    kept, twice = pair
    merge = people_merge(by=network.team_lead_a, keep=kept, absorb=twice, reason="Same person")
    assert kept.pk in set(names.beginning("ash").values_list("person_id", flat=True))
    taken = {a.family_name.casefold() for a in kept.aliases.all()}
    assert taken <= set(NameKey.objects.filter(person=kept).values_list("key", flat=True))
    people_unmerge(by=network.team_lead_a, merge=merge, reason="Twins after all")
    assert set(NameKey.objects.filter(person=twice).values_list("key", flat=True)) == names.name_keys(
        twice, twice.aliases.all()
    )
