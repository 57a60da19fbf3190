"""Offering "Seen before?" to the identification pages, which sit in the pathway below."""

from __future__ import annotations

from collections.abc import Sequence

from liaison.accounts.models import User
from liaison.linkage.selectors import Match, people_matching, query_record
from liaison.pathway import registry
from liaison.people.actions import PersonDetails

# The page offers a few, best first; the API gives up to ten.
OFFERED = 5


def offer(user: User, details: PersonDetails) -> Sequence[Match]:
    query = query_record(
        given_name=details.given_name,
        family_name=details.family_name,
        date_of_birth=details.date_of_birth,
        sex=details.sex,
        postcode=details.postcode,
        nhs_number=details.nhs_number,
        pnc_id=details.pnc_id,
    )
    return people_matching(user=user, query=query, limit=OFFERED)


def register() -> None:
    registry.set_seen_before(offer)
