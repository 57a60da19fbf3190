"""Words for the codes a measure breaks down by, from the codes' own definitions, so a table
says "Diverted out of the justice system" rather than `diverted_out`. A code with no label
(one retired since, say) is shown as it is."""

from __future__ import annotations

from django.db.models import TextChoices

from liaison.core.vocabulary import Vulnerability
from liaison.organisations.models import PointOfContact
from liaison.pathway.codes import JusticeOutcome, LdOutcome, ReferralSource
from liaison.people.codes import Sex
from liaison.referrals.codes import ServiceType
from liaison.sharing.codes import Agency, Purpose, ShareBasis

_CHOICES: dict[str, type[TextChoices]] = {
    "point_of_contact": PointOfContact,
    "referral_source": ReferralSource,
    "sex": Sex,
    "justice_outcome": JusticeOutcome,
    "ld_outcome": LdOutcome,
    "service_type": ServiceType,
    "agency": Agency,
    "purpose": Purpose,
    "domain": Vulnerability,
    "vulnerability": Vulnerability,
    "basis": ShareBasis,
}

COLUMN_NAMES = {
    "ld_outcome": "L&D outcome",
    "point_of_contact": "Point of contact",
    "referral_source": "Source of referral",
    "ethnic_group": "Ethnic group",
    "age_band": "Age band",
}


def category_label(column: str, code: str | None) -> str:
    if code is None or code == "":
        return "Not recorded"
    choices = _CHOICES.get(column)
    if choices is not None:
        return str(dict(choices.choices).get(code, code))
    return code


def column_name(column: str) -> str:
    return COLUMN_NAMES.get(column, column.replace("_", " ").capitalize())
