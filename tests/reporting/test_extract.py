"""The analyst's extract: pseudonymised rows as Parquet and CSV, every download audited, and a
data dictionary generated from the definitions."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pyarrow.parquet as pq
import pytest

from liaison.audit.models import AccessAction, AccessAudit
from liaison.core import clock
from liaison.reporting.extract import COLUMNS
from liaison.reporting.freshness import refresh_in_turn
from liaison.reporting.store import LONDON
from tests import factories


@pytest.fixture
def store(network):
    first = clock.now().astimezone(LONDON).replace(day=1, hour=12, minute=0, second=0, microsecond=0)
    noon = (first - timedelta(days=10)).replace(day=10)
    people = [
        factories.episode(
            by=network.practitioner_a, site=network.custody_a, occurred_at=noon + timedelta(hours=h)
        ).person
        for h in range(3)
    ]
    refresh_in_turn()
    return noon.strftime("%Y-%m"), people


def download(client, user, path):
    client.force_login(user)
    response = client.get(path)
    return response, b"".join(response.streaming_content) if response.status_code == 200 else b""


def test_the_analyst_downloads_pseudonymised_episodes_as_parquet_and_it_is_audited(client, network, store):
    month, people = store
    response, content = download(client, network.analyst, f"/reporting/extract/episodes.parquet?from={month}")
    assert response.status_code == 200
    table = pq.read_table(io.BytesIO(content))
    assert table.num_rows == 3
    assert table.column_names == [c.name for c in COLUMNS["episodes"]]
    values = " ".join(str(v) for v in table.to_pylist())
    for person in people:
        assert person.family_name not in values and str(person.pk) not in table.column("person").to_pylist()
    (audit,) = AccessAudit.objects.filter(user=network.analyst)
    assert audit.action == AccessAction.EXPORT and audit.person is None
    assert "episodes.parquet" in audit.what and "3 rows" in audit.what


def test_events_come_as_csv_without_operational_row_ids(client, network, store):
    month, _ = store
    _, content = download(client, network.analyst, f"/reporting/extract/events.csv?from={month}&to={month}")
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert {r["kind"] for r in rows} >= {"episode:identify"}
    assert "event_id" not in rows[0] and "subject_id" not in rows[0]


def test_a_month_range_that_ends_before_it_starts_is_refused_on_the_page(client, network, store):
    client.force_login(network.analyst)
    page = client.get("/reporting/extract/?from=2025-05&to=2025-01")
    assert page.status_code == 200 and b"must be the same as or after" in page.content
    assert client.get("/reporting/extract/events.csv?from=2025-13").status_code == 404


def test_an_empty_store_still_gives_the_columns(client, network):
    _, content = download(client, network.analyst, "/reporting/extract/episodes.csv")
    assert content.decode().strip().split(",") == [c.name for c in COLUMNS["episodes"]]


@pytest.mark.parametrize("who", ["commissioner", "team_lead_a", "practitioner_a"])
def test_only_analysts_take_the_extract(client, network, store, who):
    client.force_login(getattr(network, who))
    assert client.get("/reporting/extract/").status_code == 403
    assert client.get("/reporting/extract/events.csv").status_code == 403
    assert not AccessAudit.objects.filter(action=AccessAction.EXPORT).exists()


def test_the_data_dictionary_is_generated_from_the_definitions(client, network):
    from liaison.core.events import EVENTS
    from liaison.reporting.measures import REGISTRY, RELATIONS

    client.force_login(network.commissioner)
    page = client.get("/reporting/data-dictionary/").content.decode()
    for t in EVENTS.all():
        assert f"<code>{t.tag}</code>" in page
    for name in REGISTRY:
        assert f"<code>{name}</code>" in page
    for name in RELATIONS:
        assert f"<code>{name}</code> <span" in page
    assert '<a href="#relation-needs"><code>needs</code></a>' in page  # a measure links the facts it reads
    assert "Not in the analytics store." in page  # assessment drafts and returns
    client.force_login(network.practitioner_a)
    assert client.get("/reporting/data-dictionary/").status_code == 403


def test_the_data_dictionary_describes_the_cohorts_and_the_evaluation_files_columns(client, network):
    from liaison.reporting.measures import COHORTS
    from liaison.sharing.research import EVALUATION_COLUMNS

    client.force_login(network.analyst)
    page = client.get("/reporting/data-dictionary/").content.decode()

    for name in COHORTS:
        assert f"<code>{name}</code>" in page
    for column, _, _ in EVALUATION_COLUMNS:
        assert f'scope="row"><code>{column}</code></th>' in page
    assert "LIAISON_EVALUATION_PSEUDONYM_KEY" in page
