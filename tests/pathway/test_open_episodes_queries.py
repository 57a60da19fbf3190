"""The open-episodes pages read the episode rows (the projection), never their events: their
query counts do not grow with the number of episodes or events, and on PostgreSQL an index
serves their queries."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from liaison.core import clock
from liaison.pathway.actions import episode_note
from liaison.pathway.models import Episode
from liaison.pathway.selectors import scheme_open_episodes, worklist
from liaison.pathway.stages import Stage
from liaison.referrals.actions import support_assign
from liaison.referrals.models import Referral
from liaison.screening.actions import FindingInput, screening_record
from liaison.screening.instruments.actions import instrument_record
from tests import factories
from tests.pathway.pages import html, signed_in
from tests.referrals import builders
from tests.screening import answers

WORKLIST = reverse("pathway:worklist")

# Session, user, memberships, the scheme's sites (the scope), the sites to filter by,
# break-glass grants, the count (with breaches), the page of episodes, the audit of everyone on
# it (one insert), follow-ups due. The session is not saved: it was renewed within the minute.
WORKLIST_QUERIES = 10
# Session, user, memberships, the scheme's sites (the scope), the scheme, its sites to filter
# by, the count, the page, its audit, break-glass into the scheme.
SCHEME_QUERIES = 10


def episodes_with_history(network, count: int) -> None:
    """`count` open episodes, each with a screening, an instrument and notes: many events."""
    by = network.practitioner_a
    for n in range(count):
        e = factories.episode(by=by, site=(network.custody_a, network.court_a)[n % 2], minutes_ago=10 + n * 7)
        screening_record(
            by=by, episode=e, findings=[FindingInput("drugs", "suspected")], urgency="same_day", needs_assessment=False
        )
        if n % 5 == 0:
            instrument_record(by=by, episode=e, instrument="phq9", answers=answers.phq9())
        for text in ("Rang the custody nurse", "Solicitor present"):
            episode_note(by=by, episode=e, text=text)


def queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize(
    ("who", "listing", "expected"),
    [("practitioner_a", "worklist", WORKLIST_QUERIES), ("team_lead_a", "scheme", SCHEME_QUERIES)],
)
def test_a_list_runs_as_many_queries_for_50_episodes_as_for_5(client, network, who, listing, expected):
    url = WORKLIST if listing == "worklist" else reverse("pathway:scheme-open", args=[network.scheme_a.pk])
    c = signed_in(client, getattr(network, who))
    episodes_with_history(network, 5)
    few = queries_of(c, url)
    episodes_with_history(network, 45)
    many = queries_of(c, url)
    assert len(few) == len(many) == expected, "\n\n".join(many)
    assert html(c.get(url)).count('<tr class="nhsuk-table__row" role="row">') == 1 + 50


def test_no_worklist_query_reads_events(client, network):
    episodes_with_history(network, 3)
    sql = queries_of(signed_in(client, network.practitioner_a), WORKLIST)
    assert not [q for q in sql if "pathway_pathwayevent" in q]


def follow_ups_for(network, worker, count: int) -> None:
    """`count` referrals assigned to `worker`, each with a follow-up due."""
    service = builders.service(scheme=network.scheme_a, by=network.team_lead_a)
    for _ in range(count):
        e = factories.episode(by=network.practitioner_a, site=network.custody_a)
        referral = builders.referral(episode=e, by=network.practitioner_a, to=service)
        support_assign(by=network.practitioner_a, referral=referral, worker=worker)
        Referral.objects.filter(pk=referral.pk).update(follow_up_due=timezone.localdate(clock.now()))


def test_a_support_worker_with_follow_ups_due_runs_as_many_queries_for_12_as_for_2(client, network):
    worker = network.support_worker_a
    c = signed_in(client, worker)
    follow_ups_for(network, worker, 2)
    few = queries_of(c, WORKLIST)
    follow_ups_for(network, worker, 10)
    many = queries_of(c, WORKLIST)
    assert len(few) == len(many), "\n\n".join(many)
    assert html(c.get(WORKLIST)).split("Follow-ups due")[1].count("<tr") == 1 + 12


def episode_queries(read) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        read()
    return [q["sql"] for q in captured.captured_queries if 'FROM "pathway_episode"' in q["sql"]]


def closed_history(network, count: int) -> None:
    """`count` closed episodes at scheme A's sites, written straight into the table: the years of
    history a national database holds beside the few episodes open today."""
    template = factories.episode(by=network.practitioner_a, site=network.custody_a)
    values = {f.attname: getattr(template, f.attname) for f in Episode._meta.concrete_fields}
    rows = [
        Episode(**values | {"id": uuid.uuid4(), "stage": Stage.CLOSED, "site_id": site.pk, "current_site_id": site.pk})
        for site in (network.custody_a, network.court_a) * (count // 2)
    ]
    Episode.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE pathway_episode")


def plan_of(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's")
@pytest.mark.parametrize("listing", ["worklist", "scheme"])
def test_an_index_on_the_stage_serves_the_count_and_the_page_beside_years_of_closed_history(network, listing):
    closed_history(network, 10_000)
    episodes_with_history(network, 3)
    if listing == "worklist":
        queries = episode_queries(lambda: worklist(user=network.practitioner_a))
    else:
        queries = episode_queries(lambda: scheme_open_episodes(user=network.team_lead_a, scheme_id=network.scheme_a.pk))
    assert len(queries) == 2  # the count and the page
    for sql in queries:
        plan = plan_of(sql)
        # The rows read are the open ones: the index condition names the stage.
        assert "Seq Scan on pathway_episode" not in plan, plan
        conditions = [line for line in plan.splitlines() if "Index Cond" in line and "stage" in line]
        assert conditions, plan
