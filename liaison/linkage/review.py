"""The review queue of likely duplicates: a batch job over the whole person table.

Splink (DuckDB) scores every blocked pair of people with the model file, exactly as
`liaison linkage dedupe` does a file, and each pair at or above the review threshold becomes a
suggestion with its evidence and the model version, unless the pair was suggested before
(open, or marked "not the same person", which is remembered).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from liaison.core import clock
from liaison.linkage import model
from liaison.linkage.keys import person_records
from liaison.linkage.models import DuplicateSuggestion
from liaison.linkage.training import frame, quiet
from liaison.people.models import Person

# Lower than the clustering threshold: a person decides, so the queue may hold the unsure.
REVIEW_THRESHOLD = 0.5


@dataclass(frozen=True)
class Filled:
    people: int
    pairs_scored: int
    suggested: int


def _pairs(threshold: float) -> list[tuple[str, str, float]]:
    from splink import DuckDBAPI, Linker

    # Records merged into another are not people of their own: only the kept record is scored.
    current = Person.objects.filter(merged_into__isnull=True)
    records = [person_records(p, aliases=[])[0] for p in current.iterator(chunk_size=5000)]
    if len(records) < 2:
        return []
    quiet()
    linker = Linker(frame(records), dict(model.current().settings), db_api=DuckDBAPI())
    predicted = linker.inference.predict(threshold_match_probability=threshold)
    table = predicted.as_pandas_dataframe()  # type: ignore[no-untyped-call]
    return [
        (str(a), str(b), float(p))
        for a, b, p in zip(table["unique_id_l"], table["unique_id_r"], table["match_probability"], strict=True)
    ]


def fill(*, threshold: float = REVIEW_THRESHOLD) -> Filled:
    pairs = _pairs(threshold)
    scorer, now = model.current(), clock.now()
    known = {(str(a), str(b)) for a, b in DuplicateSuggestion.objects.values_list("person_a_id", "person_b_id")}
    ids = {pid for a, b, _ in pairs for pid in (a, b)}
    people = {str(pk): p for pk, p in Person.objects.prefetch_related("aliases").in_bulk(ids).items()}
    new = []
    for a, b, _ in pairs:
        first, second = sorted((a, b))
        if (first, second) in known:
            continue
        pa, pb = people[first], people[second]
        # The evidence as the scorer reads it (the same sum Splink computed), with aliases.
        score = max(
            (scorer.score(x, y) for x in person_records(pa) for y in person_records(pb)), key=lambda s: s.match_weight
        )
        new.append(
            DuplicateSuggestion(
                person_a=pa,
                person_b=pb,
                probability=score.probability,
                agreements=[vars(g) for g in score.agreements],
                model_version=scorer.version,
                suggested_at=now,
            )
        )
        known.add((first, second))
    with transaction.atomic():
        DuplicateSuggestion.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    return Filled(people=Person.objects.count(), pairs_scored=len(pairs), suggested=len(new))
