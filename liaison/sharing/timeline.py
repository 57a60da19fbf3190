"""How consent and sharing events read on the episode's timeline."""

from __future__ import annotations

from liaison.pathway.timeline import label, plain, reads
from liaison.sharing.codes import (
    Agency,
    CapacityOutcome,
    Channel,
    ChildRoute,
    ConfidentialityBasis,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    OverrideKind,
    Purpose,
    ShareBasis,
)
from liaison.sharing.events import CONSENT_RECORD, CONSENT_WITHDRAW, SHARE

reads(
    CONSENT_RECORD.tag,
    [
        ("scope", "Consent to", label(ConsentScope)),
        ("agency", "Agency", label(Agency)),
        ("agency_name", "Agency's name", plain),
        ("purpose", "Purpose", label(Purpose)),
        ("decision", "Decision", label(ConsentDecision)),
        ("method", "How", label(ConsentMethod)),
        ("capacity_outcome", "Capacity (in doubt)", label(CapacityOutcome)),
        ("capacity_judged_by", "Capacity judged by", plain),
        ("child_route", "Under 16", label(ChildRoute)),
        ("guardian_name", "Parent or guardian", plain),
        ("appropriate_adult_name", "Appropriate adult", plain),
    ],
)
reads(
    CONSENT_WITHDRAW.tag,
    [
        ("scope", "Consent to", label(ConsentScope)),
        ("agency", "Agency", label(Agency)),
        ("purpose", "Purpose", label(Purpose)),
        ("agency_name", "Agency's name", plain),
        (
            "ended_consent_ids",
            "Also ended",
            lambda ids: [f"{len(ids)} other consent(s) in the same scope"] if ids else [],
        ),
        ("note", "Note", plain),
    ],
)
reads(
    SHARE.tag,
    [
        ("agency", "Shared with", label(Agency)),
        ("agency_name", "Named agency", plain),
        ("recipient_name", "Recipient", plain),
        ("purpose", "Purpose", label(Purpose)),
        ("basis", "Basis", label(ShareBasis)),
        ("override_kind", "Override", label(OverrideKind)),
        ("override_statute", "Statute", plain),
        ("confidentiality_basis", "Common law", label(ConfidentialityBasis)),
        ("channel", "How", label(Channel)),
        ("finding_ids", "Findings shared", lambda ids: [f"{len(ids)} selected"] if ids else []),
    ],
)
