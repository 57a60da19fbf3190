"""Offering "Seen before?" to the identification pages, which sit in the pathway below."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from liaison.accounts.models import User
from liaison.linkage.selectors import people_matching, query_record
from liaison.pathway import registry
from liaison.people.actions import PersonDetails

# The page offers a few, best first; the API gives up to ten.
OFFERED = 5

_FIELDS = {
    "given_name": "First name",
    "family_name": "Last name",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "postcode": "Postcode",
    "nhs_number": "NHS number",
    "pnc_id": "PNC ID",
}
_LEVELS = {
    "exact": "the same",
    "given as the family name": "given the other way round",
    "given as the first name": "given the other way round",
    "one character different": "one digit different",
    "same sector": "same postcode sector",
    "same district": "same postcode district",
}


@dataclass(frozen=True)
class Offer:
    """A candidate as the page shows it: minimal identity unless the user may open the record."""

    person_id: uuid.UUID
    name: str
    date_of_birth: date | None
    visible: bool
    percent: int
    reasons: tuple[str, ...]
    known_to: tuple[str, ...]


def reason_shown(field: str, level: str) -> str:
    how = "similar spelling" if level.startswith("similar") else _LEVELS.get(level, level)
    return f"{_FIELDS.get(field, field)}: {how}"


def offer(user: User, details: PersonDetails) -> Sequence[Offer]:
    query = query_record(
        given_name=details.given_name,
        family_name=details.family_name,
        date_of_birth=details.date_of_birth,
        sex=details.sex,
        postcode=details.postcode,
        nhs_number=details.nhs_number,
        pnc_id=details.pnc_id,
    )
    return [
        Offer(
            person_id=m.person.pk,
            name=m.person.full_name,
            date_of_birth=m.person.date_of_birth,
            visible=m.visible,
            # Never "100%": the model is sure of nobody.
            percent=min(99, round(m.probability * 100)),
            reasons=tuple(reason_shown(a.field, a.level) for a in m.score.agreements),
            known_to=m.known_to,
        )
        for m in people_matching(user=user, query=query, limit=OFFERED)
    ]


def register() -> None:
    registry.set_seen_before(offer)
