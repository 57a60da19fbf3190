"""Models to the API's response shapes. Plain dicts, so what leaves the service is explicit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from liaison.accounts.models import User
from liaison.organisations.models import Site
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.models import Person
from liaison.people.selectors import KnownElsewhere
from liaison.screening.models import Finding
from liaison.screening.selectors import episode_findings
from liaison.sharing.selectors import shareable_findings


def person_summary(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "date_of_birth": p.date_of_birth,
        "nhs_number": p.nhs_number,
    }


def person_full(p: Person) -> dict[str, Any]:
    """Needs `aliases`, `local_identifiers__scheme` and `registered_by_scheme` loaded."""
    return {
        **person_summary(p),
        "sex": p.sex,
        "gender_identity": p.gender_identity,
        "ethnicity": p.ethnicity,
        "postcode": p.postcode,
        "nhs_number_status": p.nhs_number_status,
        "pnc_id": p.pnc_id,
        "registered_by_scheme": p.registered_by_scheme.code,
        "created_at": p.created_at,
        "aliases": [{"given_name": a.given_name, "family_name": a.family_name} for a in p.aliases.all()],
        "local_identifiers": [
            {"scheme": i.scheme.code, "system": i.system, "value": i.value} for i in p.local_identifiers.all()
        ],
    }


def known_elsewhere(k: KnownElsewhere) -> dict[str, Any]:
    return {"person_id": k.person_id, "name": k.name, "date_of_birth": k.date_of_birth, "known_to": list(k.schemes)}


def episode_summary(e: Episode, at: datetime) -> dict[str, Any]:
    """Needs `person`, `scheme`, `site` and `current_site` loaded."""
    return {
        "id": e.id,
        "person": person_summary(e.person),
        "scheme": e.scheme.code,
        "site": e.site.code,
        "current_site": e.current_site.code,
        "stage": e.stage,
        "is_open": e.is_open,
        "point_of_contact": e.point_of_contact,
        "referral_source": e.referral_source,
        "age_band": e.age_band,
        "young_person": e.young_person,
        "woman": e.woman,
        "identified_at": e.identified_at,
        "screened_at": e.screened_at,
        "assessed_at": e.assessed_at,
        "referred_at": e.referred_at,
        "closed_at": e.closed_at,
        "target_minutes": e.target_minutes,
        "breaches_target": e.breaches_target(at),
    }


def finding(f: Finding, *, shareable: bool) -> dict[str, Any]:
    """`shareable` from the sharing selector, the one rule of what a share may include."""
    return {
        "id": f.pk,
        "domain": f.domain,
        "status": f.status,
        "source": f.source,
        "note": f.note,
        "event_id": f.event_id,
        "recorded_at": f.recorded_at,
        "decision": f.decision,
        "suggested_by": f.suggested_by,
        "decided_at": f.decided_at,
        "voided": f.is_voided,
        "shareable": shareable,
    }


def findings(episode: Episode) -> list[dict[str, Any]]:
    """Every finding of an episode the user has already been allowed to open, voided ones too."""
    shareable = {f.pk for f in shareable_findings(episode=episode)}
    return [finding(f, shareable=f.pk in shareable) for f in episode_findings(episode=episode)]


def episode_full(e: Episode, at: datetime, *, next_steps: Iterable[str]) -> dict[str, Any]:
    return {
        **episode_summary(e, at),
        "alerted_by": e.alerted_by,
        "alerted_by_code": e.alerted_by_code,
        "concerns": list(e.concerns),
        "concerns_note": e.concerns_note,
        "justice_outcome": e.justice_outcome,
        "sentence_type": e.sentence_type,
        "ld_outcome": e.ld_outcome,
        "next_steps": list(next_steps),
        "findings": findings(e),
    }


def event(ev: PathwayEvent) -> dict[str, Any]:
    """Needs `actor` and `site` loaded; `voided_by` prefetched where there are many."""
    voided_by = list(ev.voided_by.all())
    return {
        "id": ev.pk,
        "episode_id": ev.episode_id,
        "kind": ev.kind,
        "occurred_at": ev.occurred_at,
        "recorded_at": ev.recorded_at,
        "actor": {"id": ev.actor.pk, "name": str(ev.actor)},
        "site": ev.site.code,
        "stage_after": ev.stage_after,
        "data": ev.data,
        "voids": ev.voids_id,
        "voided_by": voided_by[0].pk if voided_by else None,
    }


def site(s: Site, *, can_record: bool) -> dict[str, Any]:
    """Needs `scheme` loaded."""
    return {
        "id": s.pk,
        "code": s.code,
        "name": s.name,
        "kind": s.kind,
        "scheme": s.scheme.code,
        "active": s.active,
        "point_of_contact": s.default_point_of_contact,
        "can_record": can_record,
    }


def staff(u: User, roles: Iterable[str]) -> dict[str, Any]:
    return {
        "id": u.pk,
        "username": u.username,
        "name": u.get_full_name() or u.username,
        "job_title": u.job_title,
        "roles": list(roles),
    }
