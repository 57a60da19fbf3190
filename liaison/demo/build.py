"""Building the demo: the network, its staff, then twelve months of episodes, saved in bulk.

Everything comes from the seed and the end of the build (`until`), so the same seed and the
same end give the same rows: names, identifiers, ids, times and stages.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Model, OuterRef, Subquery
from tqdm import tqdm

from liaison.demo.casemix import SITE_CONTACTS
from liaison.demo.episodes import TODAY_EXTRA, Cast, Simulator
from liaison.demo.network import REGIONS, SCHEMES, TARGETS
from liaison.demo.services import services_for
from liaison.demo.staff import StaffMaker
from liaison.organisations.models import PointOfContact, Region, ResponseTarget, Scheme, Site, SiteKind, Team
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.models import Alias, Person
from liaison.referrals.models import Service
from liaison.screening.models import Finding

_BATCH = 500
# Sites a children and young people's team covers, besides custody.
_YOUTH_KINDS = {SiteKind.YOUTH_COURT, SiteKind.YOT, SiteKind.COMMUNITY}


def network() -> list[Cast]:
    """Regions, schemes, sites, their response targets and teams."""
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
            police_force_areas=spec.force_areas,
        )
        sites = Site.objects.bulk_create(
            Site(scheme=scheme, code=f"{spec.code}-{s.key}", name=s.name, kind=s.kind, operating_hours=s.hours)
            for s in spec.sites
        )
        Service.objects.bulk_create(services_for(scheme, spec, number))
        targets: dict[tuple[int, str], int] = {}
        for site in sites:
            for poc in SITE_CONTACTS[SiteKind(site.kind)]:
                targets[(site.pk, poc)] = spec.custody_target if poc == PointOfContact.CUSTODY else TARGETS[poc]
        ResponseTarget.objects.bulk_create(
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
            )
        )
    return casts


def build(*, seed: int, size: int, until: datetime, password_hash: str, progress: bool = True) -> dict[str, int]:
    """Build the whole demo in one transaction; returns the number of rows written per table."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        casts = network()
        counts["schemes"], counts["sites"] = len(casts), sum(len(c.sites_by_id) for c in casts)
        counts["response targets"] = sum(len(c.targets) for c in casts)
        counts["services"] = Service.objects.count()
        staff = StaffMaker(seed=seed, password_hash=password_hash)
        staff.staff(casts)
        counts["staff"], counts["memberships"] = staff.save()
        sim = Simulator(seed=seed, casts=casts, until=until)
        bar = tqdm(total=size + TODAY_EXTRA, desc="Episodes", unit=" episodes", file=sys.stderr, disable=not progress)
        for _ in sim.run(size):
            bar.update(1)
        bar.close()
        counts.update(save(sim, progress=progress))
    return counts


def save(sim: Simulator, *, progress: bool) -> dict[str, int]:
    out = sim.out
    drafts = out.drafts
    events = [e for d in drafts for e in d.events]
    voids = [e for d in drafts for e in d.voids]
    findings = [f for d in drafts for f in d.findings]
    tables: list[tuple[str, type[Model], list[Any]]] = [
        ("people", Person, out.people),
        ("aliases", Alias, out.aliases),
        ("episodes", Episode, [d.episode for d in drafts]),
        ("events", PathwayEvent, events),
        # Voids point at events saved just before, which now have their ids.
        ("void events", PathwayEvent, voids),
        ("findings", Finding, findings),
    ]
    total = sum(len(rows) for _, _, rows in tables)
    bar = tqdm(total=total, desc="Saving", unit=" rows", file=sys.stderr, disable=not progress)
    for _, model, rows in tables:
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            model._default_manager.bulk_create(batch)
            bar.update(len(batch))
    bar.close()
    # created_at is set on insert; the record was really made at the person's first identification.
    first = Episode.objects.filter(person=OuterRef("pk")).order_by("identified_at").values("identified_at")[:1]
    Person.objects.update(created_at=Subquery(first))
    return {name: len(rows) for name, _, rows in tables}
