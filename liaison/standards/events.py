"""The standards stream's tags: a scheme's self-assessment started, a criterion rated, the
assessment submitted (and submitted again, with a reason), and a peer review recorded."""

from __future__ import annotations

from pydantic import Field

from liaison.core.events import Payload, declare


class AssessmentStarted(Payload):
    assessment_id: int
    scheme_code: str
    framework: str = Field(description="The framework's code")
    framework_version: int
    period: str = Field(description="A quarter (2025-Q1) or a financial year (2024-25)")
    version: int = Field(description="1 for the first; a resubmission starts the next")


class CriterionRated(Payload):
    """A criterion's rating in a draft set or changed: field -> [old, new]."""

    assessment_id: int
    criterion: str = Field(description="The criterion's code")
    changes: dict[str, list[str | None]]


class AssessmentSubmitted(Payload):
    assessment_id: int
    submission_id: int
    scheme_code: str
    period: str
    version: int
    content_hash: str = Field(description="SHA-256 of the submitted snapshot's canonical JSON")
    ratings: dict[str, int] = Field(description="How many criteria were rated met, partly met, not met or left unrated")
    reason: str = Field("", description="Why it was submitted again (required from version 2)")


class PeerReviewed(Payload):
    assessment_id: int
    submission_id: int
    review_id: int
    reviewer_scheme_code: str
    agreed: int = Field(description="Criteria whose rating the reviewer agreed with")
    disagreed: int


ASSESSMENT_START = declare(
    "self_assessment:start", AssessmentStarted, label="Self-assessment started", stream="standards"
)
CRITERION_RATE = declare("self_assessment:rate", CriterionRated, label="Criterion rated", stream="standards")
ASSESSMENT_SUBMIT = declare(
    "self_assessment:submit", AssessmentSubmitted, label="Self-assessment submitted", stream="standards"
)
PEER_REVIEW = declare("peer_review:record", PeerReviewed, label="Peer review recorded", stream="standards")
