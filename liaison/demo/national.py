"""`liaison demo --scale national`: five years of all-England activity, about 1.5 million
episodes, built by the ordinary demo's simulation and saved with plain INSERTs (`bulk`).

Each episode is played exactly as in the twelve-month demo (`episodes.Simulator`, the same case
mix, hours, targets and projection), a year's plans at a time, oldest first, so people come back
to the scheme that met them. Every 20,000 episodes the rows are written and dropped from
memory, so the build's memory stays flat however many episodes it makes. Every payload is
validated against the contract as it is built (the simulation dumps each pathway event through
its tag's model; person and assessment events are checked here): at about 1.5 ms an episode
that costs a few percent of the build, so nothing is sampled.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from math import gcd
from typing import Any

from django.db import connection, transaction
from faker import Faker
from tqdm import tqdm

from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.core.events import EVENTS, PayloadInvalid
from liaison.core.models import Event
from liaison.demo import history
from liaison.demo.build import save_history, setup
from liaison.demo.bulk import Ids, Writer, reset_sequences
from liaison.demo.episodes import TODAY_EXTRA, Cast, Output
from liaison.demo.people import PeopleMaker
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.codes import NhsNumberStatus
from liaison.people.identifiers import nhs_number_check_digit
from liaison.people.models import Alias, Person, PersonEvent
from liaison.referrals.models import Referral
from liaison.screening.models import Finding

EPISODES = 1_500_000
YEARS = 5
_CHUNK = 20_000
# People a scheme may meet again: the most recent ones (a repeat visit is rarely years apart),
# so the simulation's memory does not grow with the build.
_REMEMBERED = 4000
_PREFIXES = 1_000_000  # 999 000 000 to 999 999 999: the first nine digits of the 999 range


class _Names:
    """Faker's names, drawn once into pools: asking Faker for each of a million people's names
    would take minutes. The pools are large enough that names still vary."""

    def __init__(self, fake: Faker, rng: random.Random, size: int = 2000) -> None:
        self.rng = rng
        self._female = [fake.first_name_female() for _ in range(size)]
        self._male = [fake.first_name_male() for _ in range(size)]
        self._family = [fake.last_name() for _ in range(size)]

    def first_name_female(self) -> str:
        return self.rng.choice(self._female)

    def first_name_male(self) -> str:
        return self.rng.choice(self._male)

    def last_name(self) -> str:
        return self.rng.choice(self._family)


class NationalPeople(PeopleMaker):
    """People whose NHS numbers never repeat across the whole 999 range.

    The range holds about 909,000 valid numbers, fewer than a national build's people with a
    number: the ordinary maker's random draws would collide more and more, then never end.
    Here the nine-digit prefixes are visited in a seeded order (a step coprime with a million),
    and once every number is used the rest are recorded as not given.
    """

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        rng = random.Random(f"{seed}:nhs numbers")
        self._step = next(s for s in iter(lambda: rng.randrange(1, _PREFIXES), None) if gcd(s, _PREFIXES) == 1)
        self._start = rng.randrange(_PREFIXES)
        self._drawn = 0
        self.fake = _Names(self.fake, self.rng)  # type: ignore[assignment]

    def nhs_number(self) -> str:
        while self._drawn < _PREFIXES:
            first_nine = f"999{(self._start + self._step * self._drawn) % _PREFIXES:06d}"
            self._drawn += 1
            check = nhs_number_check_digit(first_nine)
            if check is not None:
                return f"{first_nine}{check}"
        return ""

    def person(self, *, districts: tuple[str, ...], first_seen: date, child: bool) -> tuple[Person, list[Alias]]:
        person, aliases = super().person(districts=districts, first_seen=first_seen, child=child)
        if not person.nhs_number:
            person.nhs_number_status = NhsNumberStatus.NOT_GIVEN
        return person, aliases


def _tune() -> None:
    """A large page cache for SQLite: the event indexes are keyed by random UUIDs, and with the
    default 2 MB cache almost every insert would read a page from disk."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1048576")  # in KiB: 1 GiB


def _analyse() -> None:
    """Fresh planner statistics on PostgreSQL: with the counts of the empty tables it had before,
    it reads a month of events for the store by a plan that takes seconds a row, not a
    millisecond (SQLite's plans were right without them)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _checked(events: Iterable[Event]) -> None:
    """Person and assessment events are built from their writers' helpers; check them too."""
    for e in events:
        problem = EVENTS.get(e.kind).check_stored(e.data, e.schema_version)
        if problem:
            raise PayloadInvalid(f"{e.kind}: {problem}")


def _save(out: Output, ids: Ids, writer: Writer) -> None:
    """One chunk's rows, ids given first so that every reference is known before writing."""
    drafts = out.drafts
    assessments = [a for d in drafts for a in d.assessments]
    tables: list[tuple[type[Any], list[Any]]] = [
        (Person, out.people),
        (PersonEvent, history.person_events(out.people, out.aliases, out.recorded)),
        (Alias, out.aliases),
        (Episode, [d.episode for d in drafts]),
        # Amendments after the versions they replace, voids after the events they strike out.
        (Assessment, [a for a in assessments if a.replaces is None] + [a for a in assessments if a.replaces]),
        (Referral, [r for d in drafts for r in d.referrals]),
        (PathwayEvent, [e for d in drafts for e in d.events] + [e for d in drafts for e in d.voids]),
        (Finding, [f for d in drafts for f in d.findings]),
        (AssessmentEvent, [e for d in drafts for e in d.assessment_edits]),
    ]
    for person in out.people:
        # The record was made at the identification that first met the person.
        person.created_at = out.recorded[person.pk]
    for model, rows in tables:
        if model not in (Person, Episode):  # those have UUIDs from the seed
            ids.give(rows)
        if model in (PersonEvent, AssessmentEvent):
            _checked(rows)
    for d in drafts:
        for link in d.links:
            link.patch()
            link.row.event = link.event
    for model, rows in tables:
        writer.write(model, rows)


def _forget(casts: list[Cast]) -> None:
    for cast in casts:
        del cast.people[:-_REMEMBERED]


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
    with transaction.atomic():
        _tune()
        casts, staff, sim = setup(seed=seed, until=until, password_hash=password_hash)
        sim.people = NationalPeople(seed)
        ids, writer = Ids(), Writer()
        bar = tqdm(
            total=episodes + TODAY_EXTRA, desc="Episodes", unit=" episodes", file=sys.stderr, disable=not progress
        )

        def flush() -> None:
            _save(sim.out, ids, writer)
            sim.out = Output()
            _forget(casts)

        for year in range(years):
            ending = until - timedelta(days=365 * (years - 1 - year))
            size = episodes // years + (episodes % years if year == years - 1 else 0)
            plans = sim.plans(size, days=365, ending=ending)
            for start in range(0, len(plans), _CHUNK):
                for plan in plans[start : start + _CHUNK]:
                    sim.play(plan)
                bar.update(min(_CHUNK, len(plans) - start))
                flush()
        for _ in sim.worklist_today():
            bar.update(1)
        flush()
        bar.close()
        reset_sequences(ids.models())
        _analyse()
        counts = {
            "schemes": len(casts),
            "sites": sum(len(c.sites_by_id) for c in casts),
            "staff": len(staff.users),
            "memberships": len(staff.rows),
        }
        names = {
            Person: "people", PersonEvent: "person events", Alias: "aliases", Episode: "episodes",
            Assessment: "assessments", Referral: "referrals", PathwayEvent: "events", Finding: "findings",
            AssessmentEvent: "assessment events",
        }  # fmt: skip
        counts.update({names[m]: n for m, n in writer.counts.items()})
        counts.update(save_history(casts, staff))
    return counts
