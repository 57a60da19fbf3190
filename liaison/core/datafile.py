"""Reading a shipped or supplied data file: JSON checked whole against its pydantic model, with
the digest of its canonical JSON, or one clear `Invalid` naming every problem."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from liaison.core.errors import Invalid

M = TypeVar("M", bound=BaseModel)


def digest(raw: Any) -> str:
    """SHA-256 of the canonical JSON of `raw`: the same content gives the same digest."""
    return hashlib.sha256(json.dumps(raw, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def read_checked(path: Path, model: type[M], *, what: str) -> tuple[M, Any]:
    """The file's content checked as `model`, and the raw JSON (for digests)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise Invalid(f"{path} cannot be read: {e}") from None
    except json.JSONDecodeError as e:
        raise Invalid(f"{path} is not JSON: line {e.lineno}, column {e.colno}: {e.msg}") from None
    try:
        return model.model_validate(raw), raw
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc']) or 'file'}: {err['msg']}" for err in e.errors())
        raise Invalid(f"{path} is not {what}: {problems}") from None
