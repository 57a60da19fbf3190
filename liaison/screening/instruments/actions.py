"""Recording a completed instrument, and loading a Questionnaire an administrator uploads."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from liaison.accounts.models import User
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, PermissionDenied
from liaison.pathway.models import Episode
from liaison.pathway.transitions import require_recorder, take_step
from liaison.screening.events import INSTRUMENT
from liaison.screening.instruments.answers import Answer, check_answers, questionnaire_response
from liaison.screening.instruments.catalogue import CODES, Instrument, bundled, instrument_get, instrument_to_start
from liaison.screening.instruments.definition import Definition, DefinitionError, parse
from liaison.screening.instruments.models import InstrumentResponse, QuestionnaireVersion
from liaison.screening.models import Decision, Finding, FindingSource
from liaison.screening.scorers import SCORED_ITEMS, Result, Score


@dataclass(frozen=True)
class Completed:
    """A completed instrument, checked and scored: what its event, response and findings are made of."""

    instrument: Instrument
    answers: dict[str, Answer]
    score: Score
    result: dict[str, Any]


def completed(
    instrument: Instrument, answers: Mapping[str, Any], *, age_band: str, carried_forward: Sequence[str] = ()
) -> Completed:
    """The answers checked against the definition and scored by the instrument's own scorer."""
    clean = check_answers(instrument.definition, answers, age_band=age_band)
    score = instrument.score(clean)
    kept_forward = tuple(k for k in carried_forward if k in clean)
    return Completed(instrument, clean, score, Result(score, kept_forward).as_json())


def instrument_payload(c: Completed, response_id: uuid.UUID) -> dict[str, Any]:
    """The `screening:instrument` payload."""
    score, definition = c.score, c.instrument.definition
    return {
        "instrument": c.instrument.code,
        "title": definition.title,
        "version": definition.version,
        "response_id": str(response_id),
        "total": score.total,
        "band": score.band.code if score.band else "",
        "band_label": score.band.label if score.band else "",
        "flags": [f.code for f in score.flags],
        # Read by the safety prompt on the episode page (liaison.screening.selectors.safety_prompt_from).
        "safety_prompt": score.safety_prompt,
        "suggested": c.result["suggested"],
        "findings": c.result["recorded"],
        **({"urgency": c.answers["urgency"]} if isinstance(c.answers.get("urgency"), str) else {}),
    }


def response_fields(
    c: Completed, *, response_id: uuid.UUID, episode: Episode, by: User, authored: datetime
) -> dict[str, Any]:
    """The InstrumentResponse's columns but its event and when it was recorded."""
    score, definition = c.score, c.instrument.definition
    return {
        "id": response_id,
        "episode": episode,
        "instrument": c.instrument.code,
        "version": definition.version,
        "resource": questionnaire_response(
            definition,
            c.answers,
            response_id=str(response_id),
            subject={"reference": f"Patient/{episode.person_id}", "display": episode.person.full_name},
            author={"reference": f"Practitioner/{by.pk}", "display": str(by)},
            authored=authored,
        ),
        "total": score.total,
        "band": score.band.code if score.band else "",
        "flags": [f.code for f in score.flags],
        "result": c.result,
        "safety_prompt": score.safety_prompt,
        "recorded_by": by,
    }


def finding_fields(c: Completed) -> list[dict[str, Any]]:
    """The findings it writes, but their episode, event and who and when: the scorer's suggestions,
    pending the practitioner's decision, then the core screen's findings as entered."""
    return [
        {
            "domain": s.domain,
            "status": s.status,
            "source": FindingSource.INSTRUMENT,
            "note": s.reason,
            "decision": Decision.PENDING,
            "suggested_by": c.instrument.code,
        }
        for s in c.score.suggestions
    ] + [{"domain": r.domain, "status": r.status, "source": r.source, "note": r.note} for r in c.score.recorded]


@transaction.atomic
def instrument_record(
    *,
    by: User,
    episode: Episode,
    instrument: str,
    answers: Mapping[str, Any],
    occurred_at: datetime | None = None,
    carried_forward: Sequence[str] = (),
) -> InstrumentResponse:
    """Store a completed instrument as a QuestionnaireResponse with its score, as a screening step.

    The first screening moves the episode to "screened". Suggested findings are written pending
    the practitioner's decision; the core screen's findings are written as entered. Refuses an
    unknown instrument (404), one still needing a licence (403 `licence_required`) and any
    missing, unknown or invalid answer (422, every one named); nothing is written then.
    """
    # The scheme first, so staff elsewhere learn nothing from the answers' errors.
    require_recorder(by, episode.scheme_id)
    c = completed(instrument_to_start(instrument), answers, age_band=episode.age_band, carried_forward=carried_forward)
    response_id = uuid.uuid4()
    event = take_step(
        episode=episode, kind=INSTRUMENT, by=by, occurred_at=occurred_at, data=instrument_payload(c, response_id)
    )
    now = clock.now()
    response = InstrumentResponse.objects.create(
        event=event,
        recorded_at=now,
        **response_fields(c, response_id=response_id, episode=episode, by=by, authored=event.occurred_at),
    )
    Finding.objects.bulk_create(
        Finding(episode=episode, event=event, decided_by=by, recorded_at=now, **f) for f in finding_fields(c)
    )
    return response


def _same_questions(new: Definition, current: Definition, code: str) -> list[str]:
    """A new version of a scored instrument must keep what its scorer reads, answer codes included."""
    problems = []
    for link_id in SCORED_ITEMS.get(code, ()):
        before, after = current.item(link_id), new.item(link_id)
        if after is None:
            problems.append(f"Question {link_id} is missing: the {code} scorer needs it")
        elif before is not None and (after.type, set(after.codes)) != (before.type, set(before.codes)):
            problems.append(f"Question {link_id} must keep its type and answer codes ({', '.join(before.codes)})")
    return problems


def questionnaire_check(*, instrument: str, resource: Any) -> Definition:
    """The checks an uploaded Questionnaire must pass, without storing it (the admin form asks first)."""
    if instrument not in CODES:
        raise Invalid("Unknown instrument", errors={"instrument": "Select an instrument"})
    current = instrument_get(instrument).definition
    try:
        definition = parse(resource, code=instrument)
    except DefinitionError as e:
        raise Invalid("The Questionnaire cannot be used", errors={"resource": "; ".join(e.problems)}) from None
    problems = _same_questions(definition, current, instrument)
    if not definition.has_items:
        problems.append("It has no questions")
    if problems:
        raise Invalid("The Questionnaire cannot be used", errors={"resource": "; ".join(problems)})
    taken = definition.version == bundled(instrument).version
    if taken or QuestionnaireVersion.objects.filter(instrument=instrument, version=definition.version).exists():
        raise Conflict(f"Version {definition.version} of {instrument} is already loaded", code="version_exists")
    return definition


@transaction.atomic
def questionnaire_upload(*, by: User, instrument: str, resource: Any) -> QuestionnaireVersion:
    """Store a Questionnaire as the instrument's newest version, once it passes every check."""
    if not (by.is_active and (by.is_superuser or by.has_perm("screening.add_questionnaireversion"))):
        raise PermissionDenied("Only an administrator can load a Questionnaire", code="role_not_allowed")
    definition = questionnaire_check(instrument=instrument, resource=resource)
    return QuestionnaireVersion.objects.create(
        instrument=instrument,
        version=definition.version,
        resource=resource,
        uploaded_by=by,
        uploaded_at=clock.now(),
    )
