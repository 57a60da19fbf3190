"""The analytical store: the operational events, pseudonymised, as Parquet files by month.

`refresh()` reads the event tables (never the projection columns of `Episode`) into
`ANALYTICS_DIR/events/month=YYYY-MM/events.parquet`, one file per month of `occurred_at` in
Europe/London, and writes `manifest.json` last. Only months whose events changed are rewritten:
the manifest keeps a high-water mark per table (the largest id and the latest `recorded_at`)
and each month's digest; a month touched by a new event (a late one, a void of an event in it,
a correction of the person) is rebuilt in memory and written only if its bytes differ. Each
file is written beside its place and renamed over it, so a run killed half-way leaves every
file whole and the previous manifest in place. ADR 0011 says why.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.db import connection
from django.db.models import Exists, Max, Min, OuterRef, Q, Subquery
from django.db.models.fields.json import KT
from tqdm import tqdm

from liaison.core.events import EVENTS, is_tombstone
from liaison.core.models import Event
from liaison.organisations.models import OrganisationEvent
from liaison.pathway.models import PathwayEvent
from liaison.people.codes import ETHNIC_GROUPS
from liaison.people.models import PersonEvent
from liaison.referrals.models import ServiceEvent
from liaison.reporting.areas import FootprintAreas
from liaison.reporting.engines import facts_current, write_facts
from liaison.reporting.pseudonym import Pseudonymiser, current_key, key_of
from liaison.reporting.whitelist import WHITELIST, reportable
from liaison.screening.models import Finding

LONDON = ZoneInfo("Europe/London")
# 2: `target_minutes` and `nhs_number_known` on episode rows, `decides_event_id` on decisions.
# 3: the payload fields the measures read as typed columns (`FACTS`, `findings`), the
#    pseudonyms as numbers too (`person_key`, `episode_key`); rows in order of stream, kind and
#    time, in row groups small enough for a reader to skip the kinds it does not ask for.
# 4: `local_authority` and `police_force_area` of episode rows from the scheme's footprint.
FORMAT = 4
# Ids are handed out before commit, so on PostgreSQL a transaction can commit a lower id after
# a higher one was read. Events recorded this close to the last run's latest are looked at again
# (rebuilding a month that did not change costs a digest, not a write).
SLACK = timedelta(minutes=10)

TABLES: tuple[tuple[str, type[Event]], ...] = (
    ("episode", PathwayEvent),
    ("person", PersonEvent),
    ("organisation", OrganisationEvent),
    ("service", ServiceEvent),
)

SCHEMA = pa.schema(
    [
        ("stream", pa.string()),
        ("event_id", pa.int64()),
        ("kind", pa.string()),
        ("schema_version", pa.int16()),
        ("occurred_at", pa.timestamp("us", tz="UTC")),
        ("recorded_at", pa.timestamp("us", tz="UTC")),
        ("person", pa.string()),  # keyed pseudonym
        ("episode", pa.string()),  # keyed pseudonym
        ("person_key", pa.int64()),  # the pseudonym as a number (pseudonym.key_of)
        ("episode_key", pa.int64()),
        ("scheme_id", pa.int64()),
        ("site_id", pa.int64()),
        ("subject", pa.string()),
        ("subject_id", pa.int64()),
        ("voids_event_id", pa.int64()),
        ("voided", pa.bool_()),
        # finding:decide: the screening event that wrote the finding decided (so a void of that
        # event strikes out the decision too; the payload names only the finding's id).
        ("decides_event_id", pa.int64()),
        ("age_band", pa.string()),
        ("sex", pa.string()),
        ("ethnic_group", pa.string()),
        ("region", pa.string()),
        # The screening target the episode was given at identification (Episode.target_minutes:
        # the site's ResponseTarget for the point of contact then, or the default), in minutes.
        ("target_minutes", pa.int32()),
        # Whether the person has an NHS number, as their events say now (never the number).
        ("nhs_number_known", pa.bool_()),
        # The area the scheme covered that day, when it is one (reporting.areas): never a postcode.
        ("local_authority", pa.string()),
        ("police_force_area", pa.string()),
        ("data", pa.string()),  # the whitelisted payload fields, as JSON
    ]
)

# Payload fields the measures read, copied from the whitelisted payload (`data`) into typed
# columns: at national scale, parsing each row's JSON again in every measure was most of the
# time of a run (ADR 0016). A field is the payload's field of that name, of whatever tag has it.
FACTS: dict[str, pa.DataType] = {
    "point_of_contact": pa.string(),
    "referral_source": pa.string(),
    "justice_outcome": pa.string(),
    "ld_outcome": pa.string(),
    "referral_id": pa.int64(),
    "service_type": pa.string(),
    "transition": pa.string(),
    "accompanied": pa.bool_(),
    "agency": pa.string(),
    "purpose": pa.string(),
    "basis": pa.string(),
    "domain": pa.string(),
    "status": pa.string(),
    "decision": pa.string(),
}
FINDING = pa.struct([("domain", pa.string()), ("status", pa.string())])
SCHEMA = pa.schema([*SCHEMA, *(pa.field(n, t) for n, t in FACTS.items()), pa.field("findings", pa.list_(FINDING))])
# Rows per row group: a month of national activity is about 170,000 events, so a reader asking
# for one kind reads a few groups of it, not all.
ROW_GROUP = 16_384


def _fact(value: Any, kind: pa.DataType) -> Any:
    """The payload's value as the column's type (None when it is missing or of another type)."""
    if value is None:
        return None
    if kind == pa.bool_():
        return value if isinstance(value, bool) else None
    if kind == pa.int64():
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    return value if isinstance(value, str) else None


def facts(data: dict[str, Any]) -> dict[str, Any]:
    """The typed columns of a row from its whitelisted payload (as kept in `data`)."""
    listed = data.get("findings")
    findings = (
        [{"domain": f.get("domain"), "status": f.get("status")} for f in listed if isinstance(f, dict)]
        if isinstance(listed, list)
        else None
    )
    return {name: _fact(data.get(name), kind) for name, kind in FACTS.items()} | {"findings": findings}


def keys(row: dict[str, Any], known: dict[str, int] | None = None) -> dict[str, Any]:
    """The numbers of the row's pseudonyms (`known` keeps those already worked out)."""
    known = {} if known is None else known
    out = {}
    for name in ("person", "episode"):
        pseudonym = row.get(name)
        if pseudonym is not None and pseudonym not in known:
            known[pseudonym] = key_of(pseudonym)
        out[f"{name}_key"] = None if pseudonym is None else known[pseudonym]
    return out


def with_facts(row: dict[str, Any]) -> dict[str, Any]:
    """A row with its typed columns filled from its `data` (JSON text) and its pseudonyms."""
    return row | facts(json.loads(row["data"]) if row.get("data") else {}) | keys(row)


def analytics_dir() -> Path:
    return Path(settings.ANALYTICS_DIR)


def month_of(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m")


def month_bounds(month: str) -> tuple[datetime, datetime]:
    year, mon = (int(p) for p in month.split("-"))
    start = datetime(year, mon, 1, tzinfo=LONDON)
    end = datetime(year + mon // 12, mon % 12 + 1, 1, tzinfo=LONDON)
    return start, end


def month_path(root: Path, month: str) -> Path:
    return root / "events" / f"month={month}" / "events.parquet"


def ethnic_group(code: str | None) -> str | None:
    """The five census groups (and not stated / not known) from an NHS ethnic category."""
    if not code:
        return None
    return ETHNIC_GROUPS.get(code) or ETHNIC_GROUPS.get(code[:1])


@dataclass
class Result:
    rewritten: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rebuilt: bool = False


def _manifest(root: Path) -> dict[str, Any]:
    try:
        return dict(json.loads((root / "manifest.json").read_text()))
    except (FileNotFoundError, ValueError):
        return {}


def _replace(path: Path, content: bytes) -> None:
    """Write beside the target and rename over it: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _high_water() -> dict[str, dict[str, Any]]:
    out = {}
    for stream, model in TABLES:
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        latest = model.objects.order_by("-recorded_at").values("recorded_at").first()
        out[stream] = {
            "id": last or 0,
            "recorded_at": latest["recorded_at"].isoformat() if latest else None,
        }
    return out


def _kinds(model: type[Event]) -> list[str]:
    """The tags a table holds. Every read by month names them, so that the (kind, occurred_at)
    index serves it: the tables have no index on the moment alone, and a month read without it
    scans all of history (ten million rows at national scale) sixty times over."""
    return sorted(model.objects.order_by().values_list("kind", flat=True).distinct())


def _in_month(model: type[Event], month: str, kinds: dict[type[Event], list[str]]) -> Any:
    start, end = month_bounds(month)
    return model.objects.filter(kind__in=kinds[model], occurred_at__gte=start, occurred_at__lt=end)


def _all_months(kinds: dict[type[Event], list[str]]) -> set[str]:
    """The months holding at least one event: each month from the first event to the last,
    asked of the index, rather than the month of every row worked out one by one."""
    months: set[str] = set()
    for _, model in TABLES:
        span = model.objects.aggregate(first=Min("occurred_at"), last=Max("occurred_at"))
        if span["first"] is None:
            continue
        month, last = month_of(span["first"]), month_of(span["last"])
        while month <= last:
            if _in_month(model, month, kinds).exists():
                months.add(month)
            month = month_of(month_bounds(month)[1])
    return months


def _touched_months(since: dict[str, dict[str, Any]]) -> set[str]:
    """Months holding an event recorded since the last run, or changed by one."""
    months: set[str] = set()
    for stream, model in TABLES:
        mark = since.get(stream, {"id": 0, "recorded_at": None})
        new = Q(pk__gt=mark["id"])
        if mark["recorded_at"]:
            new |= Q(recorded_at__gte=datetime.fromisoformat(mark["recorded_at"]) - SLACK)
        rows = model.objects.filter(new)
        months.update(month_of(t) for t in rows.values_list("occurred_at", flat=True))
        if model is PathwayEvent:
            # A void re-dates the month of the entry it strikes out.
            voided = PathwayEvent.objects.filter(voided_by__in=rows)
            months.update(month_of(t) for t in voided.values_list("occurred_at", flat=True))
        if model is PersonEvent:
            # A correction of sex or ethnicity changes the person's episode rows.
            people = PersonEvent.objects.filter(new).values("person_id")
            touched = PathwayEvent.objects.filter(episode__person_id__in=people)
            months.update(month_of(t) for t in touched.values_list("occurred_at", flat=True))
        if model is OrganisationEvent:
            # A footprint change (which may start in the past) changes the area of the scheme's
            # episode rows (reporting.areas): rare enough to look at all the scheme's months.
            schemes = OrganisationEvent.objects.filter(new, kind__startswith="scheme:footprint:").values("scheme_id")
            touched = PathwayEvent.objects.filter(episode__scheme_id__in=schemes)
            months.update(month_of(t) for t in touched.values_list("occurred_at", flat=True).distinct())
    return months


def _demographics(person_events: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Sex, ethnicity and whether there is an NHS number, as the person's events (kind, data),
    oldest first, say now: a `person:change` is a correction of what was wrong, so it applies to
    every episode, earlier ones too. The NHS number itself never leaves this function."""
    state: dict[str, Any] = {"nhs_number_known": False}
    for kind, data in person_events:
        if kind == "person:create":
            demographics = data.get("demographics", {})
            state.update({k: demographics[k] for k in ("sex", "ethnicity") if demographics.get(k)})
            state["nhs_number_known"] = bool(data.get("identifiers", {}).get("nhs_number"))
        elif kind == "person:change":
            changes = data.get("changes", {})
            for k in ("sex", "ethnicity"):
                if k in changes:
                    state[k] = changes[k][1]
            if "nhs_number" in changes:
                state["nhs_number_known"] = bool(changes["nhs_number"][1])
    return state


def _raw(rows: Any) -> Iterator[tuple[Any, ...]]:
    """A `values_list` query's rows as the driver returns them. At national scale the ORM's
    converters (a datetime, a UUID and a JSON document for each of ten million rows) were most
    of a refresh; the few conversions needed are made by `_moment`, `_text` and `_json`."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(_CHUNK):
            yield from batch


def _moment(value: Any) -> datetime:
    # SQLite keeps UTC without an offset (its driver reads it as a naive datetime); PostgreSQL's
    # driver gives an aware one.
    moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _text(value: Any) -> str:
    """A UUID as `str(UUID)` writes it (SQLite keeps the 32 hex digits)."""
    if isinstance(value, str) and len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(value)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _people(month: str, kinds: dict[type[Event], list[str]]) -> dict[Any, dict[str, str]]:
    """The demographics of everyone with an episode event in the month, by the person's id as
    the driver returns it."""
    in_month = _in_month(PathwayEvent, month, kinds).values("episode__person_id")
    by_person: dict[Any, list[tuple[str, Any]]] = {}
    rows = PersonEvent.objects.filter(person_id__in=in_month).order_by("occurred_at", "id")
    for person_id, kind, data in _raw(rows.values_list("person_id", "kind", "data")):
        by_person.setdefault(person_id, []).append((kind, _json(data)))
    return {person_id: _demographics(events) for person_id, events in by_person.items()}


def _decided_events(findings: dict[int, Any]) -> dict[int, int]:
    """finding:decide event id -> the id of the screening event that wrote the finding decided,
    from each decision's `finding_id`."""
    ids = list(set(findings.values()))
    written_by: dict[Any, int] = {}
    for start in range(0, len(ids), _CHUNK):
        written_by.update(Finding.objects.filter(id__in=ids[start : start + _CHUNK]).values_list("id", "event_id"))
    return {pk: written_by[f] for pk, f in findings.items() if f in written_by}


def _payload(kind: str, version: int, data: Any, pseudonym: Pseudonymiser) -> dict[str, Any]:
    """The row's `data` (the whitelisted payload as JSON) and its typed columns."""
    # A payload disposed of after review (ADR 0027) holds nothing to report.
    rules = None if is_tombstone(data) else WHITELIST.get(kind)
    dumped = EVENTS.get(kind).read(data, version).model_dump(mode="json") if rules and kind in EVENTS else {}
    kept = reportable(kind, dumped, pseudonym) if rules else {}
    return {"data": json.dumps(kept, sort_keys=True, separators=(",", ":"))} | facts(kept)


# The columns every event table has, read as tuples: building a model instance for each of ten
# million events would be most of a national refresh.
_COMMON = ("pk", "kind", "schema_version", "occurred_at", "recorded_at", "data")
_CHUNK = 5000
# Structural, not projected (ADR 0011): the target is written once by episode_identify.
_EPISODE = ("episode__person_id", "episode__scheme_id", "episode__scheme__region__code", "episode__target_minutes")


def _empty_row(stream: str, pk: int, kind: str, version: int, occurred: datetime, recorded: datetime) -> dict[str, Any]:
    return dict.fromkeys(SCHEMA.names) | {
        "stream": stream,
        "event_id": pk,
        "kind": kind,
        "schema_version": version,
        "occurred_at": occurred,
        "recorded_at": recorded,
        "voided": False,
    }


def _kept(kind: str) -> bool:
    return WHITELIST.get(kind, {}) is not None


def month_rows(
    month: str,
    pseudonym: Pseudonymiser,
    kinds: dict[type[Event], list[str]] | None = None,
    areas: FootprintAreas | None = None,
) -> list[dict[str, Any]]:
    kinds = kinds or {model: _kinds(model) for _, model in TABLES}
    areas = areas or FootprintAreas.read()
    rows: list[dict[str, Any]] = []
    people = _people(month, kinds)
    # Per event, its episode's attributes by join: the episode's person and scheme (structural,
    # not projected) and the age band its identification recorded.
    identified = PathwayEvent.objects.filter(episode_id=OuterRef("episode_id"), kind="episode:identify").order_by("id")
    pathway = (
        _in_month(PathwayEvent, month, kinds)
        .annotate(
            struck=Exists(PathwayEvent.objects.filter(voids_id=OuterRef("pk"))),
            band=Subquery(identified.values(band=KT("data__age_band"))[:1]),
        )
        .order_by()
        .values_list(*_COMMON, "episode_id", "site_id", "voids_id", "struck", "band", *_EPISODE)
    )
    # Each person and episode has several events in a month: pseudonymised once each.
    people_seen: dict[Any, str] = {}
    episodes_seen: dict[Any, str] = {}
    decisions: dict[int, Any] = {}  # finding:decide event id -> the finding it decided
    for pk, kind, version, occurred, recorded, data, episode, site, voids, struck, band, *structure in _raw(pathway):
        person, scheme, region, target = structure
        if not _kept(kind):
            continue
        data = _json(data)
        if kind == "finding:decide":
            decisions[pk] = data.get("finding_id")
        if person not in people_seen:
            people_seen[person] = pseudonym(_text(person))
        if episode not in episodes_seen:
            episodes_seen[episode] = pseudonym.episode(_text(episode))
        demo = people.get(person, {})
        moment = _moment(occurred)
        authority, force_area = areas.on(scheme, moment.astimezone(LONDON).date())
        rows.append(
            _empty_row("episode", pk, kind, version, moment, _moment(recorded))
            | {
                "person": people_seen[person],
                "episode": episodes_seen[episode],
                "scheme_id": scheme,
                "site_id": site,
                "voids_event_id": voids,
                "voided": bool(struck),
                "age_band": band,
                "sex": demo.get("sex"),
                "ethnic_group": ethnic_group(demo.get("ethnicity")),
                "region": region,
                "local_authority": authority,
                "police_force_area": force_area,
                "target_minutes": target,
                "nhs_number_known": demo.get("nhs_number_known", False),
                **_payload(kind, version, data, pseudonym),
            }
        )
    decides = _decided_events(decisions)
    for r in rows:
        r["decides_event_id"] = decides.get(r["event_id"])
    person_rows = _in_month(PersonEvent, month, kinds).order_by().values_list(*_COMMON, "person_id")
    for pk, kind, version, occurred, recorded, data, person in person_rows.iterator(chunk_size=_CHUNK):
        if _kept(kind):
            rows.append(
                _empty_row("person", pk, kind, version, occurred, recorded)
                | {
                    "person": pseudonym(str(person)),
                    "scheme_id": data.get("scheme_id"),
                    **_payload(kind, version, data, pseudonym),
                }
            )
    organisation_rows = _in_month(OrganisationEvent, month, kinds).values_list(
        *_COMMON, "scheme_id", "subject", "subject_id"
    )
    for pk, kind, version, occurred, recorded, data, scheme, subject, subject_id in organisation_rows:
        if _kept(kind):
            rows.append(
                _empty_row("organisation", pk, kind, version, occurred, recorded)
                | {
                    "scheme_id": scheme,
                    "subject": subject,
                    "subject_id": subject_id,
                    **_payload(kind, version, data, pseudonym),
                }
            )
    for pk, kind, version, occurred, recorded, data, service in _in_month(ServiceEvent, month, kinds).values_list(
        *_COMMON, "service_id"
    ):
        if _kept(kind):
            rows.append(
                _empty_row("service", pk, kind, version, occurred, recorded)
                | {"subject": "service", "subject_id": service, **_payload(kind, version, data, pseudonym)}
            )
    known: dict[str, int] = {}
    for r in rows:
        r.update(keys(r, known))
    rows.sort(key=lambda r: (r["stream"], r["kind"], r["occurred_at"], r["event_id"]))
    return rows


def _parquet(rows: list[dict[str, Any]]) -> bytes:
    sink = pa.BufferOutputStream()
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    pq.write_table(table, sink, compression="zstd", row_group_size=ROW_GROUP)
    return bytes(sink.getvalue().to_pybytes())


def _digest_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _write_month(root: Path, month: str, content: bytes) -> None:
    _replace(month_path(root, month), content)


def refresh(*, full: bool = False, progress: bool = False, key: str | None = None) -> Result:
    """Bring the store up to date with the event tables; idempotent."""
    root = analytics_dir()
    pseudonym = Pseudonymiser(key or current_key())
    manifest = _manifest(root)
    result = Result()
    if full or manifest.get("format") != FORMAT or manifest.get("key") != pseudonym.fingerprint:
        full = result.rebuilt = True
        manifest = {}
    # The marks are taken first: an event written during the run is looked at by the next one.
    marks = _high_water()
    kinds = {model: _kinds(model) for _, model in TABLES}
    areas = FootprintAreas.read()
    months = sorted(_all_months(kinds) if full else _touched_months(manifest.get("high_water", {})))
    known: dict[str, dict[str, Any]] = dict(manifest.get("months", {}))
    for month in tqdm(months, desc="Months", unit="month", file=sys.stderr, disable=not progress):
        rows = month_rows(month, pseudonym, kinds, areas)
        content = _parquet(rows)
        digest = hashlib.sha256(content).hexdigest()
        # Compared with the file itself, not the manifest: a month written by a run that was
        # killed before its manifest is not written again.
        if _digest_of(month_path(root, month)) == digest:
            result.unchanged.append(month)
        else:
            _write_month(root, month, content)
            result.rewritten.append(month)
        known[month] = {"rows": len(rows), "sha256": digest}
    manifest = {
        "format": FORMAT,
        "key": pseudonym.fingerprint,
        "high_water": marks,
        "months": dict(sorted(known.items())),
    }
    # Last: until it is written, the next run starts from the previous marks again.
    _replace(root / "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())
    # The relations the measures read, computed once for every reader (ADR 0016); they depend on
    # all of history, so they are computed again whenever a month changed.
    if result.rewritten or not facts_current(root):
        write_facts(root)
    return result


def read(root: Path | None = None) -> pa.Table:
    """The whole store as one table (for tests and quick looks; analysts use DuckDB or pandas)."""
    root = root or analytics_dir()
    files = sorted((root / "events").glob("month=*/events.parquet"))
    if not files:
        return SCHEMA.empty_table()
    return pa.concat_tables([pq.read_table(f, schema=SCHEMA) for f in files])
