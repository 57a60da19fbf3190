""" "Seen before?": the people in the register most likely to be the person being identified.

Blocking in the database (one indexed lookup of the keys the details give), then the model's
Fellegi-Sunter score of each candidate, best first, exact NHS number or PNC ID first of all.
People of other schemes come back with minimal identity, as the scope rules say; every person
offered is audited as found in a search.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction
from liaison.core.errors import NotFound, PermissionDenied
from liaison.linkage import model
from liaison.linkage.keys import NAME_ONLY, person_records, search_keys
from liaison.linkage.models import DuplicateSuggestion, MatchKey, PersonMerge, SuggestionStatus
from liaison.linkage.records import Record, record
from liaison.people.models import Person
from liaison.people.selectors import schemes_holding, visible_people

# Candidates the database may return for one search: enough for any real key, a guard on a
# key that many people share (a common name born on the same day).
MAX_CANDIDATES = 500
# Merges followed from a record found to the one kept (a chain longer than this is not made).
_MERGE_STEPS = 5
# Below this the model says "almost certainly someone else": not worth a practitioner's time.
MIN_PROBABILITY = 0.01


@dataclass(frozen=True)
class Match:
    person: Person
    # May the user open this person's record? If not, only minimal identity is shown.
    visible: bool
    score: model.Score
    known_to: tuple[str, ...]

    @property
    def probability(self) -> float:
        return self.score.probability


def query_record(
    *,
    given_name: str = "",
    family_name: str = "",
    date_of_birth: date | None = None,
    sex: str = "",
    postcode: str = "",
    nhs_number: str = "",
    pnc_id: str = "",
) -> Record:
    return record(
        "query",
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        sex=sex,
        postcode=postcode,
        nhs_number=nhs_number,
        pnc_id=pnc_id,
    )


def _blocked(keys: set[str], *, besides: list[uuid.UUID], cap: int) -> list[uuid.UUID]:
    """Up to `cap` people sharing one of the keys, other than those `besides`."""
    found = MatchKey.objects.filter(key__in=sorted(keys)).exclude(person_id__in=besides)
    return list(found.values_list("person_id", flat=True).distinct()[:cap])


def _scored(query: Record, ids: list[uuid.UUID]) -> list[tuple[Person, model.Score]]:
    # A record merged into another is offered as the one kept, once, following a record merged
    # into one that was merged in turn. Lookups by primary key alone, merged records left out
    # here: asked of the database, "not merged" (nearly every row) led SQLite to read the
    # register through that index instead of the keys.
    wanted: set[uuid.UUID] = set()
    step = set(ids)
    for _ in range(_MERGE_STEPS):
        into = dict(Person.objects.filter(pk__in=sorted(step, key=str)).values_list("pk", "merged_into"))
        wanted |= {pk for pk, kept in into.items() if kept is None}
        step = {kept for kept in into.values() if kept is not None} - wanted
        if not step:
            break
    people = [
        p
        for p in Person.objects.filter(pk__in=sorted(wanted, key=str))
        .prefetch_related("aliases", "absorbed", "absorbed__absorbed")
        .select_related("registered_by_scheme")
        if p.merged_into_id is None
    ]
    scorer = model.current()
    scored: list[tuple[Person, model.Score]] = []
    for person in people:
        # The person as recorded, under an alias or as a record folded into them: the best.
        folded = [a for a in person.absorbed.all()]
        folded += [b for a in folded for b in a.absorbed.all()]
        records = [*person_records(person), *(person_records(a, aliases=[])[0] for a in folded)]
        best = max((scorer.score(query, r) for r in records), key=lambda s: s.match_weight)
        if best.probability >= MIN_PROBABILITY or best.exact_identifier:
            scored.append((person, best))
    return scored


def candidates(query: Record, *, limit: int = 10) -> list[tuple[Person, model.Score]]:
    """The best-scoring people for the details, unscoped and unaudited: for the selector below
    and the benchmark only. The full name alone (`nm:`) is looked up only when the other keys
    found fewer than `limit` people worth offering: a common name's block is hundreds of people
    at national scale, each to be scored, and it is needed only when a date of birth is missing
    on one side."""
    keys = search_keys(query)
    specific = {k for k in keys if not k.startswith(NAME_ONLY)}
    ids = _blocked(specific, besides=[], cap=MAX_CANDIDATES) if specific else []
    scored = _scored(query, ids)
    broad = keys - specific
    if broad and len(scored) < limit and len(ids) < MAX_CANDIDATES:
        held = {p.pk for p, _ in scored}
        more = _scored(query, _blocked(broad, besides=ids, cap=MAX_CANDIDATES - len(ids)))
        scored += [(p, s) for p, s in more if p.pk not in held]
    scored.sort(key=lambda ps: (not ps[1].exact_identifier, -ps[1].match_weight, str(ps[0].pk)))
    return scored[:limit]


def people_matching(*, user: User, query: Record, limit: int = 10, channel: str = "web") -> list[Match]:
    if not scope_for(user).is_clinical:
        raise PermissionDenied("Your role cannot search for people", code="role_not_allowed")
    found = candidates(query, limit=limit)
    if not found:
        return []
    ids = [p.pk for p, _ in found]
    visible: set[uuid.UUID] = set(visible_people(user).filter(pk__in=ids).values_list("pk", flat=True))
    holders = schemes_holding([p for p, _ in found])
    matches = [Match(p, p.pk in visible, s, tuple(sorted(holders[p.pk]))) for p, s in found]
    described = " ".join(v for v in (query.given_name, query.family_name, query.dob) if v) or "identifiers"
    access_record(
        user=user,
        action=AccessAction.SEARCH,
        what=f"seen before? {described}"[:120],
        shown=[m.person for m in matches],
        channel=channel,
    )
    return matches


def _reviewable(user: User) -> Q:
    """Pairs where either record is registered by, or has an episode in, a scheme the user
    oversees (as `may_merge` decides)."""
    schemes = scope_for(user).oversight_scheme_ids
    return (
        Q(person_a__registered_by_scheme_id__in=schemes)
        | Q(person_a__episodes__scheme_id__in=schemes)
        | Q(person_b__registered_by_scheme_id__in=schemes)
        | Q(person_b__episodes__scheme_id__in=schemes)
    )


def may_see_review(user: User) -> bool:
    return bool(scope_for(user).oversight_scheme_ids)


def review_queue(*, user: User, limit: int = 100) -> list[DuplicateSuggestion]:
    """Open suggestions for the user's schemes, likeliest first; pairs with a record since
    merged away are not shown (the kept record is suggested afresh by the next run)."""
    if not may_see_review(user):
        raise PermissionDenied("Only team leads can review likely duplicates", code="role_not_allowed")
    ids = DuplicateSuggestion.objects.filter(_reviewable(user), status=SuggestionStatus.OPEN).values("pk")
    found = list(
        DuplicateSuggestion.objects.filter(
            pk__in=ids, person_a__merged_into__isnull=True, person_b__merged_into__isnull=True
        )
        .select_related("person_a", "person_b")
        .order_by("-probability", "pk")[:limit]
    )
    shown = [p for s in found for p in (s.person_a, s.person_b)]
    access_record(user=user, action=AccessAction.LIST, what="likely duplicates", shown=shown)
    return found


def suggestion_get(*, user: User, suggestion_id: int) -> DuplicateSuggestion:
    """One pair, both records side by side: audited as opened."""
    if not may_see_review(user):
        raise NotFound("No such suggestion")
    ids = DuplicateSuggestion.objects.filter(_reviewable(user), pk=suggestion_id).values("pk")
    found = DuplicateSuggestion.objects.filter(pk__in=ids).select_related("person_a", "person_b").first()
    if found is None:
        raise NotFound("No such suggestion")
    access_record(user=user, action=AccessAction.VIEW, what="likely duplicate", shown=[found.person_a, found.person_b])
    return found


def _merges(user: User) -> QuerySet[PersonMerge]:
    if not may_see_review(user):
        raise PermissionDenied("Only team leads can see merges", code="role_not_allowed")
    schemes = scope_for(user).oversight_scheme_ids
    ids = PersonMerge.objects.filter(
        Q(kept__registered_by_scheme_id__in=schemes)
        | Q(kept__episodes__scheme_id__in=schemes)
        | Q(absorbed__registered_by_scheme_id__in=schemes)
    ).values("pk")
    return PersonMerge.objects.filter(pk__in=ids).select_related("kept", "absorbed", "merged_by", "undone_by")


def merges_seen(*, user: User, limit: int = 100) -> list[PersonMerge]:
    """The merge history for the user's schemes, newest first."""
    found = list(_merges(user)[:limit])
    shown = [p for m in found for p in (m.kept, m.absorbed)]
    access_record(user=user, action=AccessAction.LIST, what="merges", shown=shown)
    return found


def merge_get(*, user: User, merge_id: int) -> PersonMerge:
    try:
        found = _merges(user).get(pk=merge_id)
    except (PermissionDenied, PersonMerge.DoesNotExist):
        raise NotFound("No such merge") from None
    access_record(user=user, action=AccessAction.VIEW, what="merge", shown=[found.kept, found.absorbed])
    return found
