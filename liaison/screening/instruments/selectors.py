"""Reading instrument responses of episodes the user has already been allowed to open."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from liaison.accounts.models import User
from liaison.core.errors import NotFound
from liaison.core.vocabulary import FindingStatus, Vulnerability
from liaison.pathway.models import Episode, PathwayEvent
from liaison.pathway.selectors import visible_episodes
from liaison.screening.events import SAFETY_PLAN
from liaison.screening.instruments.answers import Answer, answers_of
from liaison.screening.instruments.catalogue import CORE_SCREEN, bundled_files, instrument_get
from liaison.screening.instruments.definition import Definition, parse
from liaison.screening.instruments.models import InstrumentResponse, QuestionnaireVersion
from liaison.screening.models import Finding


def episode_responses(*, episode: Episode) -> list[InstrumentResponse]:
    """Every completed instrument, oldest first; voided ones stay, marked voided."""
    return list(
        InstrumentResponse.objects.filter(episode=episode)
        .select_related("recorded_by", "event")
        .order_by("recorded_at", "id")
    )


def response_get(*, episode: Episode, response_id: object) -> InstrumentResponse:
    """One response of an episode the user already opened; another episode's is not found."""
    try:
        rid = response_id if isinstance(response_id, uuid.UUID) else uuid.UUID(str(response_id))
    except ValueError:
        raise NotFound("No such instrument response in this episode") from None
    response = InstrumentResponse.objects.filter(episode=episode, pk=rid).select_related("recorded_by", "event").first()
    if response is None:
        raise NotFound("No such instrument response in this episode")
    return response


def response_findings(*, response: InstrumentResponse) -> list[Finding]:
    """The findings the response suggested or recorded."""
    return list(Finding.objects.filter(event_id=response.event_id).select_related("decided_by").order_by("id"))


def definition_of(response: InstrumentResponse) -> Definition:
    """The Questionnaire version the response answered: an upload, a bundled file, else the current one."""
    upload = QuestionnaireVersion.objects.filter(instrument=response.instrument, version=response.version).first()
    if upload is not None:
        return parse(upload.resource)
    for path in bundled_files(response.instrument):
        if path.stem == f"{response.instrument}-{response.version}":
            return parse(json.loads(path.read_text(encoding="utf-8")))
    return instrument_get(response.instrument).definition


@dataclass(frozen=True)
class SafetyPrompt:
    """A response that raised the safety prompt, and the safety plan recorded since, if any."""

    response: InstrumentResponse
    plan: PathwayEvent | None


def safety_prompt(*, responses: Sequence[InstrumentResponse]) -> SafetyPrompt | None:
    """The latest standing response that raised the prompt, with any safety plan recorded after it."""
    raised = [r for r in responses if r.safety_prompt and not r.is_voided]
    if not raised:
        return None
    latest = raised[-1]
    # Written-down times, as the episode page's prompt compares them (liaison.screening.selectors.safety_prompt_from).
    plan = (
        PathwayEvent.objects.filter(
            episode_id=latest.episode_id,
            kind=SAFETY_PLAN,
            recorded_at__gte=latest.event.recorded_at,
            voided_by__isnull=True,
        )
        .select_related("actor")
        .order_by("-recorded_at")
        .first()
    )
    return SafetyPrompt(latest, plan)


# Facts that last from one episode to the next: a known diagnosis or an identity. Risk, urgency,
# circumstances (housing, charge) and anything merely suspected are asked afresh every time.
LASTING = frozenset(
    {
        Vulnerability.MENTAL_HEALTH,
        Vulnerability.LEARNING_DISABILITY,
        Vulnerability.LEARNING_DIFFICULTY,
        Vulnerability.NEURODIVERSITY,
        Vulnerability.COMMUNICATION,
        Vulnerability.BRAIN_INJURY,
        Vulnerability.PERSONALITY_DISORDER,
        Vulnerability.PHYSICAL_HEALTH,
        Vulnerability.VETERAN,
    }
)


@dataclass(frozen=True)
class CarriedForward:
    answers: dict[str, Answer]
    link_ids: frozenset[str]
    when: datetime
    source: InstrumentResponse


def core_screen_prefill(*, user: User, episode: Episode) -> CarriedForward | None:
    """What the person's previous core screen lets us prefill safely: confirmed lasting findings
    and communication needs. Only from episodes this user may see."""
    previous = (
        InstrumentResponse.objects.filter(
            instrument=CORE_SCREEN,
            voided_at__isnull=True,
            episode__in=visible_episodes(user).filter(person_id=episode.person_id),
        )
        .select_related("event")
        .order_by("-recorded_at")
        .first()
    )
    if previous is None:
        return None
    definition = instrument_get(CORE_SCREEN).definition
    before = answers_of(definition, previous.resource)
    answers: dict[str, Answer] = {}
    for domain in LASTING:
        prefix = f"domain.{domain.value}"
        if before.get(f"{prefix}.concern") is True and before.get(f"{prefix}.status") == FindingStatus.CONFIRMED:
            for part in ("concern", "status", "source", "note"):
                if f"{prefix}.{part}" in before:
                    answers[f"{prefix}.{part}"] = before[f"{prefix}.{part}"]
    for link_id in ("communication.needs", "communication.language"):
        if link_id in before:
            answers[link_id] = before[link_id]
    if not answers:
        return None
    return CarriedForward(answers, frozenset(answers), previous.event.occurred_at, previous)
