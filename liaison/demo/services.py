"""A small service directory for each demo scheme: the services L&D most often refers people to.

Names follow the scheme's area; phone numbers are from Ofcom's range kept for drama
(01632 960000 to 960999), so none reaches a real service. Built from the scheme alone, so the
same scheme always gets the same directory.
"""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone

from liaison.demo.network import SchemeSpec
from liaison.organisations.models import Scheme
from liaison.referrals.codes import OpenTo, ServiceType
from liaison.referrals.models import Service

# (name after the area, type, youngest, oldest, how to refer)
_DIRECTORY: tuple[tuple[str, ServiceType, int | None, int | None, str], ...] = (
    ("community mental health team", ServiceType.COMMUNITY_MENTAL_HEALTH, 18, None,
     "Referral form by secure email; urgent referrals by phone to the duty worker."),
    ("crisis resolution and home treatment team", ServiceType.CRISIS, 18, None,
     "Phone the team, 24 hours. Say the person is in police custody or at court."),
    ("drug and alcohol recovery service", ServiceType.DRUG_ALCOHOL, 18, None,
     "Self-referral or professional referral by phone; drop-in weekday mornings."),
    ("youth offending service", ServiceType.YOUTH_OFFENDING, 10, 17,
     "Phone the duty officer; share the screening summary with consent."),
    ("women's centre", ServiceType.WOMENS_CENTRE, 18, None, "Phone or email; the centre calls the woman back."),
    ("housing options team", ServiceType.HOUSING, 16, None, "Duty to refer: use the council's online form."),
    ("veterans mental health service", ServiceType.VETERANS, 18, None, "Referral by email with the person's consent."),
    ("community team for learning disabilities", ServiceType.LEARNING_DISABILITY, 18, None,
     "Referral form by secure email; phone first if the person has an appointment soon."),
    ("adult autism and ADHD service", ServiceType.AUTISM, 18, None,
     "Professional referral by letter or secure email, with the screening summary."),
)  # fmt: skip


def _area(spec: SchemeSpec) -> str:
    return spec.name.split(" Liaison")[0]


def go_live_at(spec: SchemeSpec) -> datetime:
    """When the scheme, its sites, directory and staff were set up: 09:00 on its go-live day."""
    return timezone.make_aware(datetime.combine(spec.go_live, time(9)))


def services_for(scheme: Scheme, spec: SchemeSpec, number: int) -> list[Service]:
    """The scheme's directory; `number` is the scheme's place in the network, for phone numbers."""
    area = _area(spec)
    since = go_live_at(spec)
    slug = spec.code.lower()
    return [
        Service(
            scheme=scheme,
            name=f"{area} {name}",
            service_type=kind,
            phone=f"01632 960{(number * len(_DIRECTORY) + i) % 1000:03d}",
            email=f"referrals.{kind.replace('_', '-')}@{slug}.example",
            address=f"{area}",
            min_age=low,
            max_age=high,
            open_to=OpenTo.WOMEN if kind == ServiceType.WOMENS_CENTRE else OpenTo.ANYONE,
            how_to_refer=how,
            updated_at=since,
        )
        for i, (name, kind, low, high, how) in enumerate(_DIRECTORY)
    ]
