"""The guidance library's file: checked whole, then written, or nothing (as the standards
framework is, `standards.framework`).

A document is named by `code` and `version`. Loading the same version again changes nothing;
a changed file under a version already loaded is refused (what was read must keep saying what
it said: a changed document is its next version). A document is superseded by its next version,
or by the latest version of the document its `superseded_by` names. Each names the standards
criteria it supports by framework and criterion code; a code no loaded framework has is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.urls import reverse
from pydantic import Field, model_validator

from liaison.core import clock
from liaison.core.datafiles import Strict, checked, digest, read_json
from liaison.core.errors import Conflict, Invalid
from liaison.governance.models import GuidanceDocument, GuidanceSupport
from liaison.standards.models import Criterion
from liaison.standards.related import Related

DEFAULT_FILE = Path(__file__).parent / "data" / "guidance.json"


class SupportsSpec(Strict):
    framework: str = Field(min_length=1, max_length=40)
    criteria: list[str] = Field(min_length=1)


class DocumentSpec(Strict):
    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9\-]+$")
    version: int = Field(ge=1, le=999)
    title: str = Field(min_length=1, max_length=200)
    published_on: date
    summary: str = Field(min_length=1, max_length=1_000)
    body: str = ""
    url: str = Field(default="", pattern=r"^(https://\S+)?$")
    supports: SupportsSpec
    superseded_by: str | None = None

    @model_validator(mode="after")
    def _body_or_link(self) -> DocumentSpec:
        if not (self.body.strip() or self.url):
            raise ValueError(f"{self.code} v{self.version}: give the body text or a link")
        return self


class LibrarySpec(Strict):
    source: str = Field(min_length=1)
    documents: list[DocumentSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _versions_once(self) -> LibrarySpec:
        keys = [(d.code, d.version) for d in self.documents]
        dupes = sorted({f"{c} v{v}" for c, v in keys if keys.count((c, v)) > 1})
        if dupes:
            raise ValueError(f"each document version once: {', '.join(dupes)}")
        return self


@dataclass(frozen=True)
class Loaded:
    created: int
    unchanged: int


def _known_criteria(spec: LibrarySpec) -> list[str]:
    """Problems: criteria no loaded framework of that code has, superseded_by naming nothing."""
    problems = []
    codes = {d.code for d in spec.documents} | set(GuidanceDocument.objects.values_list("code", flat=True))
    for d in spec.documents:
        known = set(
            Criterion.objects.filter(framework__code=d.supports.framework).values_list("code", flat=True).distinct()
        )
        unknown = sorted(set(d.supports.criteria) - known)
        if unknown:
            problems.append(f"{d.code} v{d.version}: no criterion {', '.join(unknown)} in {d.supports.framework}")
        if d.superseded_by and d.superseded_by not in codes:
            problems.append(f"{d.code} v{d.version}: superseded_by {d.superseded_by} is no document")
    return problems


def load(path: Path = DEFAULT_FILE) -> Loaded:
    """Load the library file: new versions written, loaded ones unchanged, changed ones refused."""
    raw = read_json(path)
    spec = checked(raw, LibrarySpec, path=path, what="a guidance library")
    with transaction.atomic():
        problems = _known_criteria(spec)
        if problems:
            raise Invalid(f"{path}: " + "; ".join(problems))
        created = unchanged = 0
        now = clock.now()
        for d, d_raw in zip(spec.documents, raw["documents"], strict=True):
            content = digest(d_raw)
            existing = GuidanceDocument.objects.filter(code=d.code, version=d.version).first()
            if existing is not None:
                if existing.digest != content:
                    raise Conflict(
                        f"Version {d.version} of {d.code} is already loaded with other content: give the changed "
                        "document the next version.",
                        code="guidance_changed",
                    )
                unchanged += 1
                continue
            doc = GuidanceDocument.objects.create(
                code=d.code, version=d.version, title=d.title, published_on=d.published_on, summary=d.summary,
                body=d.body, url=d.url, digest=content, loaded_at=now,
            )  # fmt: skip
            for code in d.supports.criteria:
                GuidanceSupport.objects.create(document=doc, framework_code=d.supports.framework, criterion_code=code)
            created += 1
        _supersede({d.code: d.superseded_by for d in spec.documents if d.superseded_by})
    return Loaded(created=created, unchanged=unchanged)


def _supersede(replaced_by: dict[str, str]) -> None:
    """Each version points at the next version of its document; a document's latest version
    at the latest of the document that replaces it, if the file names one."""
    latest: dict[str, GuidanceDocument] = {}
    for doc in GuidanceDocument.objects.order_by("code", "version"):
        before = latest.get(doc.code)
        if before is not None and before.superseded_by_id != doc.pk:
            before.superseded_by = doc
            before.save(update_fields=["superseded_by"])
        latest[doc.code] = doc
    for code, by in replaced_by.items():
        old, new = latest.get(code), latest.get(by)
        if old and new and old.superseded_by_id is None and old.pk != new.pk:
            old.superseded_by = new
            old.save(update_fields=["superseded_by"])


def guidance_for_criteria(framework_code: str, codes: Iterable[str]) -> dict[str, list[Related]]:
    """The current guidance supporting each criterion, for the standards pages."""
    rows = (
        GuidanceSupport.objects.filter(
            framework_code=framework_code, criterion_code__in=list(codes), document__superseded_by__isnull=True
        )
        .select_related("document")
        .order_by("document__title")
    )
    out: dict[str, list[Related]] = {}
    for s in rows:
        url = reverse("governance:guidance-document", args=[s.document.code])
        out.setdefault(s.criterion_code, []).append(
            Related(title=s.document.title, url=url, note=f"good-practice guidance, version {s.document.version}")
        )
    return out
