"""`liaison demo --scale national`: five years of all-England activity, about 1.5 million
episodes, built by the ordinary demo's simulation and loaded straight into the database.

Each episode is played as in the twelve-month demo (`episodes.Simulator`, the same case mix,
hours, targets and projection), a year's plans at a time, oldest first, so people come back to
the scheme that met them. Two forked streams play the schemes between them (`streams`) and turn
every 10,000 episodes into rows of column values (`bulk`), which this process loads (`loading`:
INSERTs on SQLite, COPY on PostgreSQL, the indexes made after); the rows are then dropped, so
memory stays flat however many episodes the build makes. Every payload is validated against the
contract as it is built (the simulation dumps each pathway event through its tag's model;
person and assessment events are checked here), so nothing is sampled.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Model
from tqdm import tqdm

from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.core.events import EVENTS, PayloadInvalid
from liaison.core.models import Event
from liaison.demo import history, streams
from liaison.demo.build import save_history, setup
from liaison.demo.bulk import Ids, Table
from liaison.demo.episodes import TODAY_EXTRA, Output
from liaison.demo.loading import Load, fast_sqlite, statistics
from liaison.demo.national_people import given_share
from liaison.linkage import keys
from liaison.linkage.models import MatchKey
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people import names
from liaison.people.models import Alias, NameKey, Person, PersonEvent
from liaison.referrals.models import Referral
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from liaison.sharing.models import Consent, InformationShare

EPISODES = 1_500_000
YEARS = 5
_CHUNK = 20_000
# People a scheme may meet again: the most recent ones (a repeat visit is rarely years apart),
# so the simulation's memory does not grow with the build.
_REMEMBERED = 4000


def _checked(events: Iterable[Event]) -> None:
    """Person and assessment events are built from their writers' helpers; check them too."""
    for e in events:
        problem = EVENTS.get(e.kind).check_stored(e.data, e.schema_version)
        if problem:
            raise PayloadInvalid(f"{e.kind}: {problem}")


def _rows(out: Output, ids: Ids, tables: dict[type[Model], Table]) -> list[tuple[type[Model], list[tuple[Any, ...]]]]:
    """One chunk's rows as column values, ids given first so that every reference is known."""
    drafts = out.drafts
    assessments = [a for d in drafts for a in d.assessments]
    for person in out.people:
        # The record was made at the identification that first met the person.
        person.created_at = out.recorded[person.pk]
    for alias in out.aliases:
        alias.recorded_at = out.recorded[alias.person_id]
    rows: list[tuple[type[Model], list[Any]]] = [
        (Person, out.people),
        (PersonEvent, history.person_events(out.people, out.aliases, out.recorded)),
        (Alias, out.aliases),
        (Episode, [d.episode for d in drafts]),
        # Amendments after the versions they replace, voids after the events they strike out.
        (Assessment, [a for a in assessments if a.replaces is None] + [a for a in assessments if a.replaces]),
        (Referral, [r for d in drafts for r in d.referrals]),
        (
            PathwayEvent,
            [e for d in drafts for e in d.events]
            + [e for d in drafts for e in d.voids]
            + [late.event for d in drafts for late in d.late],
        ),
        (Finding, [f for d in drafts for f in d.findings]),
        (Consent, [c for d in drafts for c in d.consents]),
        (InstrumentResponse, [r for d in drafts for r in d.instrument_responses]),
        (InformationShare, [s for d in drafts for s in d.shares]),
        (AssessmentEvent, [e for d in drafts for e in d.assessment_edits]),
    ]
    for model, chunk in rows:
        if ids.gives(model):
            ids.give(model, chunk)
        if model in (PersonEvent, AssessmentEvent):
            _checked(chunk)
    for d in drafts:
        for link in d.links:
            link.patch()
            link.row.event = link.event
        # Shares and decisions name findings and referral events, whose ids are all given now.
        for late in d.late:
            late.patch()
    return [(model, tables[model].values(chunk)) for model, chunk in rows]


_MODELS: dict[type[Any], str] = {
    Person: "people", PersonEvent: "person events", Alias: "aliases", Episode: "episodes",
    Assessment: "assessments", Referral: "referrals", PathwayEvent: "events", Finding: "findings",
    AssessmentEvent: "assessment events", Consent: "consents", InstrumentResponse: "instrument responses",
    InformationShare: "information shares",
}  # fmt: skip


def build(
    *,
    seed: int,
    until: datetime,
    password_hash: str,
    episodes: int = EPISODES,
    years: int = YEARS,
    progress: bool = True,
) -> dict[str, int]:
    """Build the national demo in one transaction; returns the number of rows written per table."""
    with fast_sqlite(), transaction.atomic():
        casts, staff, _ = setup(seed=seed, until=until, password_hash=password_hash)
        ids = Ids(_MODELS)
        brief = streams.Brief(
            seed=seed, until=until, episodes=episodes, years=years, chunk=_CHUNK, remembered=_REMEMBERED,
            share=given_share(episodes), models=tuple(_MODELS),
        )  # fmt: skip
        load = Load(list(_MODELS))
        # The streams are forked first, while this process has a single thread.
        running = streams.start(casts, brief, ids, _rows)
        bar = tqdm(
            total=episodes + TODAY_EXTRA, desc="Episodes", unit=" episodes", file=sys.stderr, disable=not progress
        )
        gc.freeze()  # the writer's own objects are few: the collector need not walk Django's
        try:
            for played, tables in running:
                for model, values in tables:
                    load.write(model, values)
                bar.update(played)
            bar.set_description("Writing")
            load.wait()
            bar.set_description("Indexing")
            load.finish(progress=lambda step: bar.set_postfix_str(step, refresh=True))
            # What the saves' signals would have kept: the names people are found by and the
            # blocking keys "Seen before?" reads (a bulk load sends no signals).
            bar.set_postfix_str("name keys", refresh=True)
            names.rebuild()
            bar.set_postfix_str("blocking keys", refresh=True)
            keys.rebuild()
            bar.set_postfix_str("statistics", refresh=True)
            statistics([NameKey._meta.db_table, MatchKey._meta.db_table])
        finally:
            gc.unfreeze()
            running.stop()
            load.abandon()
            bar.close()
        counts = {
            "schemes": len(casts),
            "sites": sum(len(c.sites_by_id) for c in casts),
            "staff": len(staff.users),
            "memberships": len(staff.rows),
        }
        counts.update({_MODELS[m]: n for m, n in load.counts.items()})
        counts.update(save_history(casts, staff))
    return counts
