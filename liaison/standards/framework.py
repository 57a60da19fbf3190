"""Loading a standards framework from its file: checked whole, then written, or nothing.

A file names its framework's `code` and `version`. Loading the same version again changes
nothing (the command can run on every deploy); a file whose content differs from the version
already loaded is refused, because assessments point at that version and must keep meaning
what they meant: a changed framework is a new version, and the older ones stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from django.db import transaction
from pydantic import Field, model_validator

from liaison.core import clock
from liaison.core.datafiles import FileHeader, Strict, read_checked
from liaison.core.errors import Conflict
from liaison.reporting.measures import REGISTRY
from liaison.standards.models import Criterion, Domain, Framework, Method, Standard

DEFAULT_FILE = Path(__file__).parent / "data" / "framework-2019.json"

Code = Annotated[str, Field(min_length=1, max_length=24, pattern=r"^[A-Za-z0-9.\-]+$")]


class MeasureSpec(Strict):
    """Which reporting measure fills a measured criterion, and how its figure is read."""

    name: str
    numerator: str
    denominator: str
    # Only the rows whose categories match count in the numerator (e.g. shares on consent).
    numerator_where: dict[str, str] = Field(default_factory=dict)
    # The measure counts what is missing (NHS number unknown): the criterion is the rest.
    invert: bool = False


class CriterionSpec(Strict):
    code: Code
    method: Literal["measured", "self_assessed"]
    text: str = Field(min_length=1, max_length=400)
    measure: MeasureSpec | None = None
    met_from: Decimal | None = Field(default=None, ge=0, le=100)
    partly_from: Decimal | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _measured_names_its_measure(self) -> CriterionSpec:
        if (self.method == "measured") != (self.measure is not None):
            raise ValueError(f"{self.code}: a measured criterion names its measure, a self-assessed one none")
        if self.met_from is not None and self.partly_from is not None and self.partly_from > self.met_from:
            raise ValueError(f"{self.code}: partly_from cannot be above met_from")
        return self


class StandardSpec(Strict):
    code: Code
    title: str = Field(min_length=1, max_length=200)
    criteria: list[CriterionSpec] = Field(min_length=1)


class DomainSpec(Strict):
    code: Code
    title: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=300)
    standards: list[StandardSpec] = Field(min_length=1)


class FrameworkSpec(FileHeader):
    domains: list[DomainSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _codes_are_unique(self) -> FrameworkSpec:
        codes = [c.code for d in self.domains for s in d.standards for c in s.criteria]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"criterion codes must be unique: {', '.join(dupes)}")
        return self


@dataclass(frozen=True)
class Loaded:
    framework: Framework
    created: bool
    # Measured criteria whose measure the reporting catalogue does not (yet) define: they are
    # loaded, and their pages say the figure is not available, rather than the load failing.
    unknown_measures: list[str]


def read(path: Path) -> tuple[FrameworkSpec, str]:
    """The file's framework, checked, and the digest of its canonical JSON."""
    return read_checked(path, FrameworkSpec, what="a standards framework")


def load(path: Path = DEFAULT_FILE) -> Loaded:
    """Load a framework file: a new version is written whole; the same version again is a
    no-op; a changed file under a version already loaded is refused (Conflict)."""
    spec, content_digest = read(path)
    unknown = sorted(
        f"{c.code} ({c.measure.name})"
        for d in spec.domains
        for s in d.standards
        for c in s.criteria
        if c.measure is not None and c.measure.name not in REGISTRY
    )
    with transaction.atomic():
        existing = Framework.objects.filter(code=spec.code, version=spec.version).first()
        if existing is not None:
            if existing.digest != content_digest:
                raise Conflict(
                    f"Version {spec.version} of {spec.code} is already loaded with other content. "
                    "Assessments point at it, so it cannot change: give the file the next version.",
                    code="framework_changed",
                )
            return Loaded(existing, created=False, unknown_measures=unknown)
        framework = Framework.objects.create(
            code=spec.code,
            version=spec.version,
            title=spec.title,
            source=spec.source,
            source_url=spec.source_url,
            note=spec.note,
            digest=content_digest,
            loaded_at=clock.now(),
        )
        order = 0
        for d_order, d in enumerate(spec.domains):
            domain = Domain.objects.create(
                framework=framework, code=d.code, title=d.title, source=d.source, order=d_order
            )
            for s_order, s in enumerate(d.standards):
                standard = Standard.objects.create(domain=domain, code=s.code, title=s.title, order=s_order)
                for c in s.criteria:
                    Criterion.objects.create(
                        framework=framework,
                        standard=standard,
                        code=c.code,
                        text=c.text,
                        method=Method(c.method),
                        measure=c.measure.model_dump() if c.measure else {},
                        met_from=c.met_from,
                        partly_from=c.partly_from,
                        order=order,
                    )
                    order += 1
    return Loaded(framework, created=True, unknown_measures=unknown)


def describe(measure: dict[str, Any]) -> str:
    """A measured criterion's definition in words, for its page."""
    where = ", ".join(f"{k} {v}" for k, v in measure.get("numerator_where", {}).items())
    parts = [f"measure {measure.get('name')}: {measure.get('numerator')}"]
    if where:
        parts.append(f"where {where}")
    parts.append(f"out of {measure.get('denominator')}")
    if measure.get("invert"):
        parts.append("(the rest: the measure counts what is missing)")
    return " ".join(parts)
