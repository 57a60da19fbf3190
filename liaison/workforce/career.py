"""Loading the career and competency framework from its file: checked whole, then written, or
nothing. The same version again is a no-op (safe on every deploy); a changed file under a
version already loaded is refused, because staff records point at its role profiles: a changed
framework is a new version, and the older ones stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from django.db import transaction
from pydantic import Field, model_validator

from liaison.core import clock
from liaison.core.datafiles import FileHeader, Strict, read_checked
from liaison.core.errors import Conflict
from liaison.workforce.models import CareerFramework, Competency, RoleProfile

DEFAULT_FILE = Path(__file__).parent / "data" / "career-framework-2018.json"

Code = Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[A-Z0-9]+$")]
GroupCode = Annotated[str, Field(min_length=1, max_length=24, pattern=r"^[a-z_]+$")]


class GroupSpec(Strict):
    code: GroupCode
    title: str = Field(min_length=1, max_length=120)


class CompetencySpec(Strict):
    code: Code
    title: str = Field(min_length=1, max_length=200)
    renew_months: int | None = Field(default=None, ge=1, le=120)


class RoleSpec(Strict):
    code: Code
    level: int = Field(ge=2, le=8)
    title: str = Field(min_length=1, max_length=200)
    group: GroupCode
    lived_experience: bool
    registration: bool
    summary: str = Field(min_length=1)
    competencies: list[Code] = Field(min_length=1)


class CareerSpec(FileHeader):
    groups: list[GroupSpec] = Field(min_length=1)
    competencies: list[CompetencySpec] = Field(min_length=1)
    roles: list[RoleSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> CareerSpec:
        problems: list[str] = []
        for kind, codes in (
            ("group", [g.code for g in self.groups]),
            ("competency", [c.code for c in self.competencies]),
            ("role", [r.code for r in self.roles]),
        ):
            twice = sorted({c for c in codes if codes.count(c) > 1})
            if twice:
                problems.append(f"{kind} codes must be unique: {', '.join(twice)}")
        groups, known = {g.code for g in self.groups}, {c.code for c in self.competencies}
        for r in self.roles:
            if r.group not in groups:
                problems.append(f"{r.code}: no group {r.group}")
            unknown = sorted(set(r.competencies) - known)
            if unknown:
                problems.append(f"{r.code}: unknown competencies {', '.join(unknown)}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


@dataclass(frozen=True)
class Loaded:
    framework: CareerFramework
    created: bool


def read(path: Path) -> tuple[CareerSpec, str]:
    """The file's framework, checked, and the SHA-256 of its canonical JSON."""
    return read_checked(path, CareerSpec, what="a career framework")


def load(path: Path = DEFAULT_FILE) -> Loaded:
    spec, digest = read(path)
    with transaction.atomic():
        existing = CareerFramework.objects.filter(code=spec.code, version=spec.version).first()
        if existing is not None:
            if existing.digest != digest:
                raise Conflict(
                    f"Version {spec.version} of {spec.code} is already loaded with other content. Staff "
                    "records point at its roles, so it cannot change: give the file the next version.",
                    code="framework_changed",
                )
            return Loaded(existing, created=False)
        framework = CareerFramework.objects.create(
            code=spec.code,
            version=spec.version,
            title=spec.title,
            source=spec.source,
            source_url=spec.source_url,
            note=spec.note,
            groups={g.code: g.title for g in spec.groups},
            digest=digest,
            loaded_at=clock.now(),
        )
        competencies = {
            c.code: Competency.objects.create(
                framework=framework, code=c.code, title=c.title, renew_months=c.renew_months, order=n
            )
            for n, c in enumerate(spec.competencies)
        }
        for n, r in enumerate(spec.roles):
            role = RoleProfile.objects.create(
                framework=framework,
                code=r.code,
                level=r.level,
                title=r.title,
                group=r.group,
                lived_experience=r.lived_experience,
                registration=r.registration,
                summary=r.summary,
                order=n,
            )
            role.competencies.set([competencies[code] for code in r.competencies])
    return Loaded(framework, created=True)


def current() -> CareerFramework:
    """The latest version loaded of the shipped framework's code, loading the shipped file first
    if none is (a new database, a test)."""
    framework = CareerFramework.objects.order_by("-version").first()
    return framework if framework is not None else load().framework
