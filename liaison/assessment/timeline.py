"""How assessment's events read on the episode's timeline."""

from __future__ import annotations

from liaison.assessment.events import AMEND, ASSESS
from liaison.pathway.timeline import plain, reads, vulnerabilities

reads(
    ASSESS.tag,
    [
        ("version", "Assessment version", plain),
        ("summary", "Summary", plain),
        ("needs", "Needs in", vulnerabilities),
        ("recommendations", "Recommendations", plain),
    ],
)
reads(
    AMEND.tag,
    [
        ("version", "Assessment version", plain),
        ("replaces_version", "Replaces version", plain),
        ("reason", "Why it was amended", plain),
        ("summary", "Summary", plain),
        ("needs", "Needs in", vulnerabilities),
        ("recommendations", "Recommendations", plain),
    ],
)
