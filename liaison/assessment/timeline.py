"""How assessment's events read on the episode's timeline."""

from __future__ import annotations

from liaison.assessment.events import AMEND, ASSESS
from liaison.pathway.codes import Vulnerability
from liaison.pathway.timeline import labels, plain, reads

reads(
    ASSESS.tag,
    [
        ("version", "Assessment version", plain),
        ("summary", "Summary", plain),
        ("needs", "Needs in", labels(Vulnerability)),
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
        ("needs", "Needs in", labels(Vulnerability)),
        ("recommendations", "Recommendations", plain),
    ],
)
