"""Reading a versioned reference-data file (a standards framework, the career framework): the
JSON checked whole against its pydantic model, and the SHA-256 of its canonical JSON, by which
a loader tells the same version loaded again from a changed file under an old version."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from liaison.core.errors import Invalid

Spec = TypeVar("Spec", bound=BaseModel)


class Strict(BaseModel):
    """A part of a file: unknown keys are refused, so a misspelt one is an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class FileHeader(Strict):
    """What every versioned framework file says about itself (`LoadedFile` stores it)."""

    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9\-]+$")
    version: int = Field(ge=1, le=999)
    title: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1)
    source_url: str = ""
    note: str = ""


def digest(raw: Any) -> str:
    """SHA-256 of the canonical JSON of `raw`: the same content gives the same digest."""
    return hashlib.sha256(json.dumps(raw, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def read_json(path: Path) -> Any:
    """The file's JSON, or `Invalid` saying why it cannot be read."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise Invalid(f"{path} cannot be read: {e}") from None
    except json.JSONDecodeError as e:
        raise Invalid(f"{path} is not JSON: line {e.lineno}, column {e.colno}: {e.msg}") from None


def checked(raw: Any, model: type[Spec], *, path: Path, what: str) -> Spec:
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc']) or 'file'}: {err['msg']}" for err in e.errors())
        raise Invalid(f"{path} is not {what}: {problems}") from None


def read_checked(path: Path, model: type[Spec], *, what: str) -> tuple[Spec, str]:
    """The file as `model`, and its digest; any problem is `Invalid`, saying where (`what` names
    the kind of file in the message: "a standards framework")."""
    raw = read_json(path)
    return checked(raw, model, path=path, what=what), digest(raw)
