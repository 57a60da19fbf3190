"""Subject-access export: everything a scheme holds about one person (UK GDPR Article 15).

Made by a team lead or scheme manager for the schemes they oversee, each a data controller's
record of its own: the person's identity, every episode of theirs at those schemes with
everything recorded on it, and who has looked at their record. Other schemes that hold a record
are named, not shown: the person asks each of them.

Nothing is listed by hand. Every model with a foreign key to an episode (or, for identity, to the
person) is found from the app registry, so a record type added later is in the export without
anyone remembering to add it; `tests/records/test_subject_access.py` checks that every such model
appears. The export is one audited read (`AccessAction.EXPORT`, with the request's reference).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.models import AccessAction, AccessAudit, BreakGlass
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound
from liaison.organisations.models import Scheme
from liaison.pathway.models import Episode
from liaison.people.models import Person
from liaison.people.selectors import can_see_access_log

# Kept out of the sections: audit rows have their own section; hash-chain seals are about tables.
_OWN_SECTIONS = {"audit.AccessAudit", "audit.BreakGlass", "audit.Seal", "people.Person", "pathway.Episode"}
# Internal columns a reader gains nothing from.
_SKIPPED_FIELDS = {"person", "episode", "password"}


@dataclass(frozen=True)
class Section:
    title: str
    model: str
    rows: list[dict[str, Any]]


@dataclass(frozen=True)
class SubjectAccess:
    reference: str
    generated_at: datetime
    generated_by: str
    schemes: list[str]
    person: dict[str, Any]
    identity: list[Section]
    episodes: list[dict[str, Any]]
    access: list[dict[str, Any]]
    held_elsewhere: list[str]
    sections_by_episode: dict[str, list[Section]] = field(default_factory=dict)
    episode_titles: dict[str, str] = field(default_factory=dict)

    @property
    def person_section(self) -> Section:
        return Section("Identity", "people.Person", [self.person])

    @property
    def episode_views(self) -> list[dict[str, Any]]:
        return [
            {
                "title": self.episode_titles.get(e["id"], "Episode"),
                "details": Section("The episode", "pathway.Episode", [e]),
                "records": self.sections_by_episode.get(e["id"], []),
            }
            for e in self.episodes
        ]

    def as_json(self) -> dict[str, Any]:
        def section(s: Section) -> dict[str, Any]:
            return {"title": s.title, "record_type": s.model, "rows": s.rows}

        return {
            "subject_access_export": {
                "reference": self.reference,
                "generated_at": self.generated_at.isoformat(),
                "generated_by": self.generated_by,
                "schemes": self.schemes,
            },
            "person": self.person,
            "identity": [section(s) for s in self.identity],
            "episodes": [
                {**e, "records": [section(s) for s in self.sections_by_episode.get(e["id"], [])]} for e in self.episodes
            ],
            "who_has_looked": self.access,
            "held_by_other_schemes": self.held_elsewhere,
        }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    """Every column, named as a person reads it: choices by their label, a related row by its name."""
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in _SKIPPED_FIELDS:
            continue
        label = str(f.verbose_name)
        if f.is_relation:
            related = getattr(obj, f.name)
            out[label] = str(related) if related is not None else None
        elif f.choices:
            out[label] = getattr(obj, f"get_{f.name}_display")() if getattr(obj, f.attname) not in (None, "") else ""
        else:
            out[label] = _plain(getattr(obj, f.attname))
    return out


def _pointing_at(target: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every concrete model with a foreign key to `target`."""
    found = []
    for model in apps.get_models():
        if model._meta.label in _OWN_SECTIONS or model._meta.proxy:
            continue
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is target:
                found.append((model, f.name))
                break
    return sorted(found, key=lambda pair: pair[0]._meta.label)


def episode_record_types() -> list[str]:
    return [m._meta.label for m, _ in _pointing_at(Episode)]


def identity_record_types() -> list[str]:
    return [m._meta.label for m, _ in _pointing_at(Person) if not _has_episode(m)]


def _has_episode(model: type[models.Model]) -> bool:
    return any(f.is_relation and f.related_model is Episode for f in model._meta.concrete_fields)


def _title(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural).capitalize()


def _ordered(qs: models.QuerySet[Any]) -> models.QuerySet[Any]:
    names = {f.name for f in qs.model._meta.concrete_fields}
    for key in ("occurred_at", "recorded_at", "made_at", "given_at", "shared_at", "created_at", "at"):
        if key in names:
            return qs.order_by(key, "pk")
    return qs.order_by("pk")


def _overseen(user: User) -> frozenset[int]:
    return scope_for(user).oversight_scheme_ids


def may_export(*, user: User, person: Person) -> bool:
    """Those who may see who has looked at the record: team leads and scheme managers of a
    scheme that holds the person (an episode there, or registered there)."""
    return can_see_access_log(user=user, person=person)


def subject_access_export(*, user: User, person_id: object, reference: str, channel: str = "web") -> SubjectAccess:
    """The person's record at the schemes `user` oversees, audited as one export."""
    reference = (reference or "").strip()
    if not reference:
        raise Invalid("Enter the subject access request's reference", errors={"reference": "Enter the reference"})
    if len(reference) > 100:
        raise Invalid("The reference must be 100 characters or fewer", errors={"reference": "100 characters or fewer"})
    schemes = _overseen(user)
    try:
        pid = UUID(str(person_id))
    except ValueError:
        raise NotFound("No such person") from None
    person = (
        Person.objects.filter(id=pid)
        .filter(Q(episodes__scheme_id__in=schemes) | Q(registered_by_scheme_id__in=schemes))
        .distinct()
        .first()
    )
    if not schemes or person is None:
        raise NotFound("No such person")
    episodes = list(
        Episode.objects.filter(person=person, scheme_id__in=schemes)
        .select_related("scheme", "site")
        .order_by("identified_at")
    )
    by_episode = {}
    episode_models = _pointing_at(Episode)
    for episode in episodes:
        sections = []
        for model, fk in episode_models:
            rows = [_row(o) for o in _ordered(model._default_manager.filter(**{fk: episode}))]
            if rows:
                sections.append(Section(_title(model), model._meta.label, rows))
        by_episode[str(episode.pk)] = sections
    identity = []
    for model, fk in _pointing_at(Person):
        if _has_episode(model):
            continue
        qs = model._default_manager.filter(**{fk: person})
        if any(f.name == "scheme" for f in model._meta.concrete_fields):
            qs = qs.filter(scheme_id__in=schemes)
        rows = [_row(o) for o in _ordered(qs)]
        if rows:
            identity.append(Section(_title(model), model._meta.label, rows))
    access = [
        {
            "at": a.at.isoformat(),
            "who": a.user.get_full_name() or a.user.get_username(),
            "what": a.get_action_display(),
            "where": a.what,
            "channel": a.channel,
            "reason": a.reason,
        }
        for a in AccessAudit.objects.filter(person=person)
        .filter(Q(episode__isnull=True) | Q(episode__scheme_id__in=schemes))
        .select_related("user")
        .order_by("at", "id")
    ]
    access += [
        {
            "at": b.at.isoformat(),
            "who": b.user.get_full_name() or b.user.get_username(),
            "what": "Broke glass to open",
            "where": f"record held by {b.scheme}",
            "channel": "web",
            "reason": b.reason,
        }
        for b in BreakGlass.objects.filter(person=person, scheme_id__in=schemes).select_related("user", "scheme")
    ]
    access.sort(key=lambda a: a["at"])
    elsewhere = sorted(
        str(s)
        for s in Scheme.objects.filter(Q(episodes__person=person) | Q(registered_people=person))
        .exclude(id__in=schemes)
        .distinct()
    )
    export = SubjectAccess(
        reference=reference,
        generated_at=clock.now(),
        generated_by=user.get_full_name() or user.get_username(),
        schemes=sorted(str(s) for s in Scheme.objects.filter(id__in=schemes)),
        person=_row(person),
        identity=identity,
        episodes=[{"id": str(e.pk), **_row(e)} for e in episodes],
        access=access,
        held_elsewhere=elsewhere,
        sections_by_episode=by_episode,
        episode_titles={
            str(e.pk): f"At {e.site}, from {timezone.localtime(e.identified_at):%-d %B %Y}" for e in episodes
        },
    )
    # Written last, once the export is whole: the audit row says it was made, with its reference.
    AccessAudit.objects.create(
        at=export.generated_at,
        user=user,
        person=person,
        action=AccessAction.EXPORT,
        what="subject access export",
        reason=f"Subject access request {reference}",
        channel=channel,
    )
    return export
