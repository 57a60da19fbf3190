"""The evaluation linkage file: people with research consent, pseudonymised for an external
evaluation to link with health and justice records (as the national evaluation of L&D did).

One row per person with research consent (`sharing.research`): a keyed pseudonym, the verified
NHS number and the PNC ID where held, date of birth, sex, postcode district, and the date and
site of their first episode (the index). The pseudonym's key is the evaluation's own
(`LIAISON_EVALUATION_PSEUDONYM_KEY`), not the analytics store's: an evaluator who holds this file
can never join it to the store's pseudonyms. Without that key the file is refused. Only a
national analyst may take it, and every export is audited (who, when, how many rows, the filter).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Min, OuterRef, Subquery

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.actions import export_record
from liaison.core.errors import Invalid, PermissionDenied
from liaison.organisations.models import Role
from liaison.pathway.models import Episode
from liaison.people.codes import NhsNumberStatus
from liaison.sharing.research import EVALUATION_COLUMNS, research_consented_people

KEY_ENV = "LIAISON_EVALUATION_PSEUDONYM_KEY"
MIN_KEY_LENGTH = 32  # characters: a key short enough to guess makes the pseudonym an identifier
LONDON = ZoneInfo("Europe/London")
HEADER = [name for name, _, _ in EVALUATION_COLUMNS]


@dataclass(frozen=True)
class Written:
    rows: int
    filter: str


def evaluation_key() -> str:
    key = os.environ.get(KEY_ENV, "")
    if len(key) < MIN_KEY_LENGTH:
        raise Invalid(
            f"Set {KEY_ENV} to the evaluation's own secret key (at least {MIN_KEY_LENGTH} characters) first: "
            "the file is never written without a keyed pseudonym.",
            errors={"key": f"{KEY_ENV} is not set" if not key else f"{KEY_ENV} is too short"},
        )
    return key


def pseudonym(key: str, person_id: Any) -> str:
    return hmac.new(key.encode(), f"evaluation-person:{person_id}".encode(), hashlib.sha256).hexdigest()


def postcode_district(postcode: str) -> str:
    """The outward code: everything before the last three characters of the postcode."""
    compact = postcode.replace(" ", "").upper()
    return compact[:-3] if len(compact) > 3 else ""


def rows(*, key: str, first: date | None = None, last: date | None = None) -> list[list[str]]:
    """The file's rows, people with research consent whose index date is within [first, last]."""
    people = research_consented_people().annotate(index_at=Min("episodes__identified_at"))
    first_episode = Episode.objects.filter(person=OuterRef("pk")).order_by("identified_at", "pk")
    people = people.annotate(index_site=Subquery(first_episode.values("site__code")[:1])).filter(index_at__isnull=False)
    out = []
    for p in people:
        index_date = p.index_at.astimezone(LONDON).date()
        if (first and index_date < first) or (last and index_date > last):
            continue
        out.append(
            [
                pseudonym(key, p.pk),
                p.nhs_number if p.nhs_number_status == NhsNumberStatus.VERIFIED else "",
                p.pnc_id,
                p.date_of_birth.isoformat() if p.date_of_birth else "",
                p.sex,
                postcode_district(p.postcode),
                index_date.isoformat(),
                p.index_site or "",
            ]
        )
    return out


@transaction.atomic
def write_file(
    *, by: User, output: Path, first: date | None = None, last: date | None = None, channel: str = "cli"
) -> Written:
    """Write the file for a national analyst, audited; nothing is written for anyone else."""
    if Role.NATIONAL_ANALYST not in scope_for(by).roles:
        raise PermissionDenied("The evaluation linkage file is for national analysts.")
    key = evaluation_key()
    if first and last and first > last:
        raise Invalid("The last date must be the same as or after the first.", errors={"to": "before --from"})
    found = rows(key=key, first=first, last=last)
    where = f"index dates {first or 'any'} to {last or 'any'}, research consent only"
    partial = output.with_name(f".{output.name}.tmp")
    with partial.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(found)
    # Audited before the file takes its name: if the audit row cannot be written, there is no file.
    try:
        export_record(user=by, what=f"evaluation linkage file: {len(found)} rows, {where}", channel=channel)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return Written(rows=len(found), filter=where)
