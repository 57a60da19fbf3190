"""An assessment as its page and the API show it: a draft from its working rows and the
measures now, a submission from its frozen snapshot only (never from the rows)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from liaison.reporting.disclosure import PublishedPercentage, Unrounded
from liaison.reporting.figures import Computed
from liaison.standards.framework import describe
from liaison.standards.measured import Figure, figure, rating_from, shown
from liaison.standards.models import Criterion, Domain, RatingValue, SelfAssessment, Submission
from liaison.standards.periods import parse
from liaison.standards.selectors import criteria_of


@dataclass(frozen=True)
class Line:
    criterion: Criterion
    rating: str
    evidence: str
    action: str
    owner: str
    due: date | None
    value: PublishedPercentage | Unrounded[Decimal | None] | None = None
    counts: tuple[int, int] | None = None  # the true counts, for the scheme's own staff only
    missing: str = ""
    rating_from_data: str = ""
    definition: str = ""

    @property
    def rating_label(self) -> str:
        return str(RatingValue(self.rating).label) if self.rating in RatingValue.values else "Not rated"

    @property
    def rating_from_data_label(self) -> str:
        return str(RatingValue(self.rating_from_data).label) if self.rating_from_data in RatingValue.values else ""


@dataclass(frozen=True)
class Section:
    domain: Domain
    lines: list[Line] = field(default_factory=list)


def _line(c: Criterion, entry: dict[str, Any], f: Figure | None, *, raw: bool) -> Line:
    due = entry.get("due")
    if isinstance(due, str):
        due = date.fromisoformat(due)
    line = Line(
        criterion=c,
        rating=entry.get("rating") or "",
        evidence=entry.get("evidence") or "",
        action=entry.get("action") or "",
        owner=entry.get("owner") or "",
        due=due,
        definition=describe(c.measure) if c.measured else "",
    )
    if f is None:
        return line
    return replace(
        line,
        value=shown(f, level="scheme", raw=raw),
        counts=(f.numerator, f.denominator) if raw and f.available else None,
        missing=f.missing,
        rating_from_data=entry.get("rating_from_data", rating_from(c, f)),
    )


def sections(
    assessment: SelfAssessment, *, submission: Submission | None, computed: Computed | None, raw: bool
) -> list[Section]:
    """Every criterion by domain. A submitted assessment reads its snapshot; a draft its rows,
    with measured figures from `computed` (the measures as they are now)."""
    criteria = criteria_of(assessment.framework)
    period = parse(assessment.period)
    drafts = {r.criterion_id: r for r in assessment.ratings.all()} if submission is None else {}
    out: dict[int, Section] = {}
    for c in criteria:
        f: Figure | None = None
        if submission is not None:
            entry = submission.line(c.code)
            if c.measured and "figure" in entry:
                f = Figure.from_json(entry["figure"])
        else:
            r = drafts.get(c.pk)
            entry = {
                "rating": r.rating if r else "",
                "evidence": r.evidence if r else "",
                "action": r.action if r else "",
                "owner": r.owner if r else "",
                "due": r.due if r else None,
            }
            if c.measured and computed is not None:
                f = figure(c, computed, level="scheme", area=str(assessment.scheme_id), period=period)
                entry["rating_from_data"] = rating_from(c, f)
        domain = c.standard.domain
        out.setdefault(domain.pk, Section(domain)).lines.append(_line(c, entry, f, raw=raw))
    return list(out.values())
