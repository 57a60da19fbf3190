"""How referrals' events read on the episode's timeline."""

from __future__ import annotations

from liaison.pathway.timeline import day_of, label, minutes_of, plain, reads, time_of, yes_no
from liaison.referrals.codes import ContactType, ReferralStatus, ReferralUrgency, ServiceType
from liaison.referrals.events import REFER, REFERRAL_UPDATE, SUPPORT_ASSIGN, SUPPORT_CONTACT

# What a referral event says about its referral, before its own details.
_REFERRAL = [
    ("service", "Service", plain),
    ("service_type", "Type of service", label(ServiceType)),
    ("status", "Referral status", label(ReferralStatus)),
]

reads(
    REFER.tag,
    [
        ("service", "Referred to", plain),
        ("service_type", "Type of service", label(ServiceType)),
        ("urgency", "Urgency", label(ReferralUrgency)),
        ("reason", "Reason", plain),
    ],
)
reads(
    REFERRAL_UPDATE.tag,
    [
        *_REFERRAL,
        ("reason", "Reason", plain),
        ("appointment_at", "Appointment", time_of),
        ("place", "Where", plain),
        ("accompanied", "Support worker went with the person", yes_no),
        ("outcome", "Outcome", plain),
        ("note", "Note", plain),
        ("follow_up_due", "Next follow-up due", day_of),
    ],
)
reads(
    SUPPORT_ASSIGN.tag,
    [
        *_REFERRAL,
        ("worker", "Support worker", plain),
        ("follow_up_due", "Next follow-up due", day_of),
        ("note", "Note", plain),
    ],
)
reads(
    SUPPORT_CONTACT.tag,
    [
        ("service", "About the referral to", plain),
        ("contact_type", "Type of contact", label(ContactType)),
        ("duration_minutes", "Length", minutes_of),
        ("outcome", "Outcome", plain),
        ("note", "Note", plain),
        ("worker", "Worker", plain),
        ("follow_up_due", "Next follow-up due", day_of),
    ],
)
