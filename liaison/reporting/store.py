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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.db.models import Q
from django.db.models.functions import TruncMonth
from tqdm import tqdm

from liaison.core.events import EVENTS
from liaison.core.models import Event
from liaison.organisations.models import OrganisationEvent
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.codes import ETHNIC_GROUPS
from liaison.people.models import PersonEvent
from liaison.referrals.models import ServiceEvent
from liaison.reporting.pseudonym import Pseudonymiser, current_key
from liaison.reporting.whitelist import WHITELIST, reportable
from liaison.screening.models import Finding

LONDON = ZoneInfo("Europe/London")
# 2: `target_minutes` and `nhs_number_known` on episode rows, `decides_event_id` on decisions.
FORMAT = 2
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
        # TODO(issue 9): the local authority and police force area from the postcode, once
        # issue 9 ships the lookup data. Until then only the scheme's region is kept: a
        # postcode district is too identifying beside age band, sex and ethnic group.
        ("local_authority", pa.string()),
        ("police_force_area", pa.string()),
        ("data", pa.string()),  # the whitelisted payload fields, as JSON
    ]
)


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


def _all_months() -> set[str]:
    months: set[str] = set()
    for _, model in TABLES:
        for m in model.objects.annotate(m=TruncMonth("occurred_at", tzinfo=LONDON)).values_list("m", flat=True):
            months.add(m.astimezone(LONDON).strftime("%Y-%m"))
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
    return months


def _demographics(person_events: Iterable[PersonEvent]) -> dict[str, Any]:
    """Sex, ethnicity and whether there is an NHS number, as the person's events say now: a
    `person:change` is a correction of what was wrong, so it applies to every episode, earlier
    ones too. The NHS number itself never leaves this function."""
    state: dict[str, Any] = {"nhs_number_known": False}
    for ev in person_events:
        if ev.kind == "person:create":
            demographics = ev.data.get("demographics", {})
            state.update({k: demographics[k] for k in ("sex", "ethnicity") if demographics.get(k)})
            state["nhs_number_known"] = bool(ev.data.get("identifiers", {}).get("nhs_number"))
        elif ev.kind == "person:change":
            changes = ev.data.get("changes", {})
            for k in ("sex", "ethnicity"):
                if k in changes:
                    state[k] = changes[k][1]
            if "nhs_number" in changes:
                state["nhs_number_known"] = bool(changes["nhs_number"][1])
    return state


def _episode_attributes(episode_ids: set[Any]) -> dict[Any, dict[str, Any]]:
    """Per episode: the person and scheme (structural, not projected), and the demographics."""
    episodes = {
        e["id"]: e
        for e in Episode.objects.filter(id__in=episode_ids).values(
            "id", "person_id", "scheme_id", "scheme__region__code", "target_minutes"
        )
    }
    identified = {
        ev.episode_id: ev
        for ev in PathwayEvent.objects.filter(episode_id__in=episode_ids, kind="episode:identify").order_by("-id")
    }
    by_person: dict[Any, list[PersonEvent]] = {}
    for pev in PersonEvent.objects.filter(person_id__in={e["person_id"] for e in episodes.values()}).order_by(
        "occurred_at", "id"
    ):
        by_person.setdefault(pev.person_id, []).append(pev)
    out = {}
    for eid, e in episodes.items():
        ident = identified.get(eid)
        demo = _demographics(by_person.get(e["person_id"], []))
        out[eid] = {
            "person_id": e["person_id"],
            "scheme_id": e["scheme_id"],
            "age_band": ident.data.get("age_band") if ident else None,
            "sex": demo.get("sex"),
            "ethnic_group": ethnic_group(demo.get("ethnicity")),
            "region": e["scheme__region__code"],
            # Written once by episode_identify from the network and never changed by an
            # event: structural, like the scheme (ADR 0011).
            "target_minutes": e["target_minutes"],
            "nhs_number_known": demo["nhs_number_known"],
        }
    return out


def _decided_events(pathway: Iterable[PathwayEvent]) -> dict[int, int]:
    """finding:decide event id -> the id of the screening event that wrote the finding decided."""
    findings = {ev.pk: ev.data.get("finding_id") for ev in pathway if ev.kind == "finding:decide"}
    written_by = dict(Finding.objects.filter(id__in=set(findings.values())).values_list("id", "event_id"))
    return {pk: written_by[f] for pk, f in findings.items() if f in written_by}


def _payload(ev: Event, pseudonym: Pseudonymiser) -> str:
    rules = WHITELIST.get(ev.kind)
    data = ev.payload().model_dump(mode="json") if rules and ev.kind in EVENTS else {}
    kept = reportable(ev.kind, data, pseudonym) if rules else {}
    return json.dumps(kept, sort_keys=True, separators=(",", ":"))


def _empty_row(stream: str, ev: Event) -> dict[str, Any]:
    return dict.fromkeys(SCHEMA.names) | {
        "stream": stream,
        "event_id": ev.pk,
        "kind": ev.kind,
        "schema_version": ev.schema_version,
        "occurred_at": ev.occurred_at,
        "recorded_at": ev.recorded_at,
        "voided": False,
    }


def month_rows(month: str, pseudonym: Pseudonymiser) -> list[dict[str, Any]]:
    start, end = month_bounds(month)
    window = {"occurred_at__gte": start, "occurred_at__lt": end}
    rows: list[dict[str, Any]] = []

    def kept(ev: Event) -> bool:
        return WHITELIST.get(ev.kind, {}) is not None

    pathway = [ev for ev in PathwayEvent.objects.filter(**window) if kept(ev)]
    struck = PathwayEvent.objects.filter(voided_by__isnull=False, id__in=[e.pk for e in pathway])
    voided = set(struck.values_list("id", flat=True))
    attributes = _episode_attributes({ev.episode_id for ev in pathway})
    decides = _decided_events(pathway)
    for ev in pathway:
        a = attributes[ev.episode_id]
        rows.append(
            _empty_row("episode", ev)
            | {
                "person": pseudonym(str(a["person_id"])),
                "episode": pseudonym.episode(str(ev.episode_id)),
                "scheme_id": a["scheme_id"],
                "site_id": ev.site_id,
                "voids_event_id": ev.voids_id,
                "voided": ev.pk in voided,
                "age_band": a["age_band"],
                "sex": a["sex"],
                "ethnic_group": a["ethnic_group"],
                "region": a["region"],
                "target_minutes": a["target_minutes"],
                "nhs_number_known": a["nhs_number_known"],
                "decides_event_id": decides.get(ev.pk),
                "data": _payload(ev, pseudonym),
            }
        )
    for pev in PersonEvent.objects.filter(**window):
        if kept(pev):
            rows.append(
                _empty_row("person", pev)
                | {
                    "person": pseudonym(str(pev.person_id)),
                    "scheme_id": pev.data.get("scheme_id"),
                    "data": _payload(pev, pseudonym),
                }
            )
    for oev in OrganisationEvent.objects.filter(**window):
        if kept(oev):
            rows.append(
                _empty_row("organisation", oev)
                | {
                    "scheme_id": oev.scheme_id,
                    "subject": oev.subject,
                    "subject_id": oev.subject_id,
                    "data": _payload(oev, pseudonym),
                }
            )
    for sev in ServiceEvent.objects.filter(**window):
        if kept(sev):
            rows.append(
                _empty_row("service", sev)
                | {"subject": "service", "subject_id": sev.service_id, "data": _payload(sev, pseudonym)}
            )
    rows.sort(key=lambda r: (r["occurred_at"], r["stream"], r["event_id"]))
    return rows


def _parquet(rows: list[dict[str, Any]]) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), sink, compression="zstd")
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
    months = sorted(_all_months() if full else _touched_months(manifest.get("high_water", {})))
    known: dict[str, dict[str, Any]] = dict(manifest.get("months", {}))
    for month in tqdm(months, desc="Months", unit="month", file=sys.stderr, disable=not progress):
        rows = month_rows(month, pseudonym)
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
    return result


def read(root: Path | None = None) -> pa.Table:
    """The whole store as one table (for tests and quick looks; analysts use DuckDB or pandas)."""
    root = root or analytics_dir()
    files = sorted((root / "events").glob("month=*/events.parquet"))
    if not files:
        return SCHEMA.empty_table()
    return pa.concat_tables([pq.read_table(f, schema=SCHEMA) for f in files])
