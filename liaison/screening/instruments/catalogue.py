"""The instruments this service knows, in the order practitioners meet them.

Each has a bundled Questionnaire file per version (liaison/screening/questionnaires/CODE-VERSION.json);
"licence required" entries are bundled without items. An administrator's upload (a licensed
definition, or a new version) becomes the current definition.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from liaison.core.errors import NotFound, PermissionDenied
from liaison.screening.instruments.definition import Definition, Licence, parse
from liaison.screening.instruments.models import QuestionnaireVersion
from liaison.screening.scorers import Answers, Score, score_for

FOLDER = Path(__file__).resolve().parents[1] / "questionnaires"
CODES = ("ld-core", "bjmhs", "phq9", "gad7", "audit", "auditc", "dast10", "helps", "ldsq", "hasi", "aq10", "chat")
CORE_SCREEN = "ld-core"


@dataclass(frozen=True)
class Instrument:
    code: str
    definition: Definition
    uploaded: bool

    @property
    def title(self) -> str:
        return self.definition.title

    @property
    def version(self) -> str:
        return self.definition.version

    @property
    def licence(self) -> str:
        return self.definition.licence

    @property
    def licence_label(self) -> str:
        return self.definition.licence_label

    @property
    def can_start(self) -> bool:
        """Licensed instruments wait for the service's licensed definition."""
        return self.definition.has_items

    @property
    def score(self) -> Callable[[Answers], Score]:
        return score_for(self.code)


def _version_key(path: Path) -> tuple[int, ...]:
    tail = path.stem.rsplit("-", 1)[-1]
    return tuple(int(p) if p.isdigit() else 0 for p in tail.split("."))


@functools.cache
def bundled_files(code: str) -> tuple[Path, ...]:
    """The bundled versions of an instrument, oldest first."""
    files = [p for p in FOLDER.glob(f"{code}-*.json") if p.stem.rsplit("-", 1)[0] == code]
    return tuple(sorted(files, key=_version_key))


@functools.cache
def bundled(code: str) -> Definition:
    return parse(json.loads(bundled_files(code)[-1].read_text(encoding="utf-8")), code=code)


# Uploaded versions are never edited (a change is a new version), so each is read once per process.
_PARSED: dict[tuple[int, str, str, str], Definition] = {}


def _uploads(codes: tuple[str, ...]) -> dict[str, Definition]:
    """The newest upload per instrument, in one query."""
    newest: dict[str, Definition] = {}
    rows = QuestionnaireVersion.objects.filter(instrument__in=codes).order_by("instrument", "-uploaded_at", "-id")
    for row in rows:
        if row.instrument not in newest:
            key = (row.pk, row.instrument, row.version, row.uploaded_at.isoformat())
            if key not in _PARSED:
                _PARSED[key] = parse(row.resource, code=row.instrument)
            newest[row.instrument] = _PARSED[key]
    return newest


def instruments() -> list[Instrument]:
    uploads = _uploads(CODES)
    return [Instrument(c, uploads.get(c) or bundled(c), c in uploads) for c in CODES]


def instrument_get(code: str) -> Instrument:
    """404 `unknown_instrument` for a code the service does not know."""
    if code not in CODES:
        raise NotFound(f"There is no instrument '{str(code)[:40]}'", code="unknown_instrument")
    uploads = _uploads((code,))
    return Instrument(code, uploads.get(code) or bundled(code), code in uploads)


def instrument_to_start(code: str) -> Instrument:
    """The instrument, if it can be used now: 403 `licence_required` until a licence is loaded."""
    instrument = instrument_get(code)
    if not instrument.can_start:
        raise PermissionDenied(
            f"{instrument.title} needs a licence. An administrator can load the service's licensed "
            "definition; until then it cannot be used.",
            code="licence_required",
        )
    return instrument


def is_licensed(definition: Definition) -> bool:
    return definition.licence == Licence.LICENCE_REQUIRED
