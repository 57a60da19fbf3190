"""On PostgreSQL, beside years of other people's history, every query the busiest pages and API
reads run reaches the large tables through an index (issue 13): none reads a table whole.

The history is written straight into the tables (the national build's way, without events'
validation) and analysed, so that the planner sees tables whose size makes a whole read the
slow choice; then each page's queries, as sent, are put to EXPLAIN."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction
from liaison.pathway.actions import episode_note
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.stages import Stage
from liaison.people.models import Person
from tests import factories
from tests.pathway.pages import signed_in

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's")

# Tables that grow with the history: a page must never read one whole.
GROWING = (
    "pathway_pathwayevent",
    "pathway_episode",
    "people_person",
    "people_personevent",
    "audit_accessaudit",
    "screening_finding",
    "referrals_referral",
    "sharing_consent",
    "linkage_matchkey",
)


def history(network, people: int = 3000) -> None:
    """`people` other people, each with a closed episode at scheme A and two events."""
    template = factories.episode(by=network.practitioner_a, site=network.custody_a)
    person_values = {f.attname: getattr(template.person, f.attname) for f in Person._meta.concrete_fields}
    episode_values = {f.attname: getattr(template, f.attname) for f in Episode._meta.concrete_fields}
    event = PathwayEvent.objects.filter(episode=template).earliest("id")
    event_values = {f.attname: getattr(event, f.attname) for f in PathwayEvent._meta.concrete_fields}
    persons, episodes, events = [], [], []
    for n in range(people):
        person_id, episode_id = uuid.uuid4(), uuid.uuid4()
        persons.append(Person(**person_values | {"id": person_id, "family_name": f"Other{n:05d}", "nhs_number": ""}))
        episodes.append(Episode(**episode_values | {"id": episode_id, "person_id": person_id, "stage": Stage.CLOSED}))
        for k in range(2):
            at = event.occurred_at - timedelta(days=n, minutes=k)
            events.append(PathwayEvent(**event_values | {"id": None, "episode_id": episode_id, "occurred_at": at}))
    Person.objects.bulk_create(persons, batch_size=2000)
    Episode.objects.bulk_create(episodes, batch_size=2000)
    PathwayEvent.objects.bulk_create(events, batch_size=2000)
    access_record(user=network.practitioner_a, action=AccessAction.LIST, what="history", shown=episodes)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def whole_reads(read: Callable[[], object]) -> list[str]:
    """The plans of `read`'s SELECTs that read a growing table whole."""
    with CaptureQueriesContext(connection) as captured:
        read()
    with connection.cursor() as cursor:
        # A table the test left (nearly) empty is rightly read whole: only the large ones count.
        cursor.execute("SELECT relname FROM pg_class WHERE relname = ANY(%s) AND reltuples >= 1000", [list(GROWING)])
        large = [name for (name,) in cursor.fetchall()]
    assert {"pathway_pathwayevent", "pathway_episode", "people_person", "audit_accessaudit"} <= set(large)
    found = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        if any(f"Seq Scan on {table} " in plan + " " for table in large):
            found.append(f"{sql}\n{plan}")
    return found


@pytest.fixture
def busy(network, client: Client):
    history(network)
    episode = factories.episode(by=network.practitioner_a, site=network.custody_a)
    for n in range(5):
        episode_note(by=network.practitioner_a, episode=episode, text=f"Note {n}")
    return signed_in(client, network.practitioner_a), episode


def test_the_episode_page_reads_every_growing_table_through_an_index(busy):
    c, episode = busy
    url = reverse("pathway:episode", args=[episode.pk])
    found = whole_reads(lambda: c.get(url))
    assert not found, "\n\n".join(found)


def test_the_person_page_reads_every_growing_table_through_an_index(busy):
    c, episode = busy
    url = reverse("people:person", args=[episode.person_id])
    found = whole_reads(lambda: c.get(url))
    assert not found, "\n\n".join(found)


def test_the_worklist_reads_every_growing_table_through_an_index(busy):
    c, _ = busy
    assert whole_reads(lambda: c.get(reverse("pathway:worklist"))) == []


def test_finding_a_person_by_name_reads_every_growing_table_through_an_index(busy):
    c, episode = busy
    url = reverse("people:find") + f"?q={episode.person.family_name}"
    found = whole_reads(lambda: c.get(url))
    assert not found, "\n\n".join(found)
