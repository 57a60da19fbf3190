"""Building the demo: the network, its staff, then twelve months of episodes, saved in bulk.

Everything comes from the seed and the end of the build (`until`), so the same seed and the
same end give the same rows: names, identifiers, ids, times and stages.

Every event table is filled as the real writers would fill it: episodes' events, assessments'
own edits, and the person, directory and network streams (`history`).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Model, OuterRef, Q, Subquery
from tqdm import tqdm

from liaison.assessment.models import Assessment, AssessmentEvent
from liaison.demo import history
from liaison.demo.casemix import SITE_CONTACTS
from liaison.demo.drafts import Link
from liaison.demo.episodes import TODAY_EXTRA, Cast, Simulator
from liaison.demo.footprints import FOOTPRINTS
from liaison.demo.network import REGIONS, SCHEMES, TARGETS
from liaison.demo.services import services_for
from liaison.demo.staff import StaffMaker
from liaison.geography.models import LocalAuthority
from liaison.geography.reference import load_reference
from liaison.organisations import hours
from liaison.organisations.models import (
    Footprint,
    OpeningPeriod,
    OrganisationEvent,
    PointOfContact,
    Region,
    ResponseTarget,
    Scheme,
    Site,
    SiteKind,
    Team,
)
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.models import Alias, Person, PersonEvent
from liaison.referrals.models import Referral, Service, ServiceEvent
from liaison.screening.instruments.models import InstrumentResponse
from liaison.screening.models import Finding
from liaison.sharing.models import Consent, InformationShare

_BATCH = 500
# Sites a children and young people's team covers, besides custody.
_YOUTH_KINDS = {SiteKind.YOUTH_COURT, SiteKind.YOT, SiteKind.COMMUNITY}


def footprints(scheme: Scheme) -> list[Footprint]:
    """The scheme's footprints (`footprints.FOOTPRINTS`), saved; a force area code stands for
    each of its local authorities."""
    rows = []
    for since, areas in FOOTPRINTS[scheme.code]:
        las = LocalAuthority.objects.filter(Q(code__in=areas) | Q(force_area__code__in=areas)).order_by("code")
        rows += [Footprint(scheme=scheme, local_authority=la, effective_from=since) for la in las]
    return Footprint.objects.bulk_create(rows)


def network() -> list[Cast]:
    """Regions, schemes, their footprints, sites, response targets and teams."""
    # The footprints point at the reference geography, which a flushed test database lacks.
    load_reference()
    regions = {code: Region.objects.create(code=code, name=name) for code, name in REGIONS.items()}
    casts = []
    for number, spec in enumerate(SCHEMES):
        scheme = Scheme.objects.create(
            code=spec.code,
            name=spec.name,
            provider=spec.provider,
            region=regions[spec.region],
            wave=spec.wave,
            go_live=spec.go_live,
            # Made-up ways to reach the service, so a report shows where they go: the 0300 000
            # range is not in use and example.nhs.uk is no real address.
            contact_phone=f"0300 000 {1000 + number}",
            contact_email=f"{spec.code.lower()}.liaison@example.nhs.uk",
            contact_address=f"Liaison and diversion team, {spec.provider}, {spec.districts[0]}",
        )
        sites = Site.objects.bulk_create(
            Site(scheme=scheme, code=f"{spec.code}-{s.key}", name=s.name, kind=s.kind) for s in spec.sites
        )
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(site=site, weekday=p.weekday, opens=p.opens, closes=p.closes)
            for site, s in zip(sites, spec.sites, strict=True)
            for p in hours.parse(s.hours)
        )
        services = Service.objects.bulk_create(services_for(scheme, spec, number))
        targets: dict[tuple[int, str], int] = {}
        for site in sites:
            for poc in SITE_CONTACTS[SiteKind(site.kind)]:
                targets[(site.pk, poc)] = spec.custody_target if poc == PointOfContact.CUSTODY else TARGETS[poc]
        response_targets = ResponseTarget.objects.bulk_create(
            ResponseTarget(site_id=site_id, point_of_contact=poc, minutes=minutes)
            for (site_id, poc), minutes in targets.items()
        )
        adults = Team.objects.create(scheme=scheme, name=f"{spec.name.split(' Liaison')[0]} adult team")
        young = Team.objects.create(
            scheme=scheme,
            name=f"{spec.name.split(' Liaison')[0]} children and young people's team",
            children_and_young_people=True,
        )
        adults.sites.set([s for s in sites if s.kind not in _YOUTH_KINDS])
        young.sites.set([s for s in sites if s.kind in _YOUTH_KINDS or s.kind == SiteKind.CUSTODY_SUITE])
        by_kind: dict[str, list[Site]] = defaultdict(list)
        for site in sites:
            by_kind[site.kind].append(site)
        casts.append(
            Cast(
                scheme=scheme,
                spec=spec,
                sites=dict(by_kind),
                sites_by_id={s.pk: s for s in sites},
                hours={s.pk: h.hours for s, h in zip(sites, spec.sites, strict=True)},
                targets=targets,
                recorders=[],
                services=services,
                response_targets=response_targets,
                footprints=footprints(scheme),
            )
        )
    return casts


def setup(*, seed: int, until: datetime, password_hash: str) -> tuple[list[Cast], StaffMaker, Simulator]:
    """The network and its staff, saved, and a simulator ready to play episodes in it."""
    casts = network()
    staff = StaffMaker(seed=seed, password_hash=password_hash)
    staff.staff(casts)
    staff.save()
    return casts, staff, Simulator(seed=seed, casts=casts, until=until)


def build(*, seed: int, size: int, until: datetime, password_hash: str, progress: bool = True) -> dict[str, int]:
    """Build the whole demo in one transaction; returns the number of rows written per table."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        casts, staff, sim = setup(seed=seed, until=until, password_hash=password_hash)
        counts["schemes"], counts["sites"] = len(casts), sum(len(c.sites_by_id) for c in casts)
        counts["response targets"] = sum(len(c.targets) for c in casts)
        counts["services"] = sum(len(c.services) for c in casts)
        counts["staff"], counts["memberships"] = len(staff.users), len(staff.rows)
        bar = tqdm(total=size + TODAY_EXTRA, desc="Episodes", unit=" episodes", file=sys.stderr, disable=not progress)
        for _ in sim.run(size):
            bar.update(1)
        bar.close()
        counts.update(save(sim, progress=progress))
        counts.update(save_history(casts, staff))
    return counts


def _bulk(model: type[Model], rows: list[Any], bar: tqdm[Any]) -> None:
    for start in range(0, len(rows), _BATCH):
        batch = rows[start : start + _BATCH]
        model._default_manager.bulk_create(batch)
        bar.update(len(batch))


def save(sim: Simulator, *, progress: bool) -> dict[str, int]:
    """Save the simulated episodes and everything on them, in the order their references allow."""
    out = sim.out
    drafts = out.drafts
    assessments = [a for d in drafts for a in d.assessments]
    links = [link for d in drafts for link in d.links]
    tables: list[tuple[str, type[Model], list[Any]]] = [
        ("people", Person, out.people),
        ("person events", PersonEvent, history.person_events(out.people, out.aliases, out.recorded)),
        ("aliases", Alias, out.aliases),
        ("episodes", Episode, [d.episode for d in drafts]),
        # Assessments and referrals before the events that name them; amendments after the
        # versions they replace.
        ("assessments", Assessment, [a for a in assessments if a.replaces is None]),
        ("amended assessments", Assessment, [a for a in assessments if a.replaces is not None]),
        ("referrals", Referral, [r for d in drafts for r in d.referrals]),
        ("events", PathwayEvent, [e for d in drafts for e in d.events]),
        # Voids point at events saved just before, which now have their ids.
        ("void events", PathwayEvent, [e for d in drafts for e in d.voids]),
        ("findings", Finding, [f for d in drafts for f in d.findings]),
        # Shares and decisions on findings name the findings (and referral events) by id.
        ("late events", PathwayEvent, [late.event for d in drafts for late in d.late]),
        ("consents", Consent, [c for d in drafts for c in d.consents]),
        ("instrument responses", InstrumentResponse, [r for d in drafts for r in d.instrument_responses]),
        ("information shares", InformationShare, [s for d in drafts for s in d.shares]),
        ("assessment events", AssessmentEvent, [e for d in drafts for e in d.assessment_edits]),
    ]
    total = sum(len(rows) for _, _, rows in tables)
    bar = tqdm(total=total, desc="Saving", unit=" rows", file=sys.stderr, disable=not progress)
    for name, model, rows in tables:
        if model is PathwayEvent and name == "events":
            for link in links:
                link.patch()
        if name == "late events":
            for d in drafts:
                for late in d.late:
                    late.patch()
        _bulk(model, rows, bar)
    bar.close()
    _point_at_events(links)
    # created_at is set on insert; the record was really made at the person's first identification.
    first = Episode.objects.filter(person=OuterRef("pk")).order_by("identified_at").values("identified_at")[:1]
    Person.objects.update(created_at=Subquery(first))
    counts = {name: len(rows) for name, _, rows in tables}
    counts["assessments"] += counts.pop("amended assessments")
    counts["events"] += counts.pop("void events") + counts.pop("late events")
    return counts


def _point_at_events(links: list[Link]) -> None:
    """Each assessment and referral points at its event, as the actions set it straight after.
    One plain UPDATE per row, batched by the driver: `bulk_update`'s CASE expressions take
    seconds for a few thousand rows."""
    for link in links:
        link.row.event = link.event
    with connection.cursor() as cursor:
        for model in (Assessment, Referral):
            meta = model._meta
            table, column, pk = meta.db_table, meta.get_field("event").column, meta.pk.column
            pairs = [(link.event.pk, link.row.pk) for link in links if isinstance(link.row, model)]
            cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE {pk} = %s", pairs)  # noqa: S608


def save_history(casts: list[Cast], staff: StaffMaker) -> dict[str, int]:
    """The network's and the directory's events (people's are saved with the people)."""
    organisation = history.organisation_events(casts, staff)
    services = history.service_events(casts, staff)
    for model, rows in ((OrganisationEvent, organisation), (ServiceEvent, services)):
        model._default_manager.bulk_create(rows, batch_size=_BATCH)
    return {"organisation events": len(organisation), "service events": len(services)}
