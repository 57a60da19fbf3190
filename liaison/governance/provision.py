"""The models of commissioning and provision, from `data/provision-models.json`: codes that
arrangements name and the programme's comparison groups schemes by."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

FILE = Path(__file__).parent / "data" / "provision-models.json"


class ProvisionModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z_]{1,40}$")
    label: str = Field(min_length=1, max_length=120)
    description: str = Field(min_length=1)


class ProvisionModels(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    models: list[ProvisionModel] = Field(min_length=1)


@cache
def provision_models() -> dict[str, ProvisionModel]:
    """Every model by code, in the file's order (checked when first read)."""
    spec = ProvisionModels.model_validate(json.loads(FILE.read_text(encoding="utf-8")))
    return {m.code: m for m in spec.models}


def label(code: str) -> str:
    """A model's name, or the code itself for one the file no longer lists."""
    found = provision_models().get(code)
    return found.label if found else code
