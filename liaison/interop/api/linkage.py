""" "Seen before?" on the API: who in the register the details given may be."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router

from liaison.interop.api.auth import user_of
from liaison.interop.api.schemas import ERRORS, Error, MatchesOut, Short
from liaison.linkage import model
from liaison.linkage.selectors import Match, people_matching, query_record

router = Router(tags=["people"])


def _person(m: Match) -> dict[str, Any]:
    p = m.person
    minimal = {"id": p.pk, "name": p.full_name, "date_of_birth": p.date_of_birth, "record_open_to_you": m.visible}
    if not m.visible:
        return minimal
    return {
        **minimal,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "sex": p.sex,
        "postcode": p.postcode,
        "nhs_number": p.nhs_number,
        "pnc_id": p.pnc_id,
    }


@router.get("/people/matches", response={200: MatchesOut, ERRORS: Error}, summary="Seen before? Likely matches")
def matches(
    request: HttpRequest,
    given_name: Short = "",
    family_name: Short = "",
    date_of_birth: date | None = None,
    sex: Short = "",
    postcode: Short = "",
    nhs_number: Short = "",
    pnc_id: Short = "",
) -> dict[str, Any]:
    """Up to ten people, best first, with the model's probability and which details agreed.
    Exact NHS number or PNC ID matches come first. People held only by other schemes come with
    minimal identity; every person returned is audited as found in a search."""
    query = query_record(
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        sex=sex,
        postcode=postcode,
        nhs_number=nhs_number,
        pnc_id=pnc_id,
    )
    found = people_matching(user=user_of(request), query=query, limit=10, channel="api")
    return {
        "items": [
            {
                "person": _person(m),
                "probability": m.probability,
                "exact_identifier": m.score.exact_identifier,
                "agreements": [vars(a) for a in m.score.agreements],
                "known_to": list(m.known_to),
            }
            for m in found
        ],
        "model_version": model.current().version,
    }
