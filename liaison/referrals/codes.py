"""Codes for the service directory, referrals and support contacts.

Kept free of model imports so the pathway's timeline can turn them into words.

National team-type codes: the Mental Health Services Data Set's "service or team type referred
to" (MHSDS v5/v6, ServTeamTypeRefToMH) where one plainly fits a directory type. Where none does,
or the fit is doubtful, the code is left blank rather than guessed:

| Directory type           | Code | MHSDS description                                        |
|--------------------------|------|----------------------------------------------------------|
| Community mental health  | A06  | Community Mental Health Team - Functional                |
| Crisis                   | A02  | Crisis Resolution Team/Home Treatment Service            |
| Talking therapies        |      | NHS Talking Therapies reports to its own data set; A13 is |
|                          |      | "Psychological Therapy Service (non IAPT)", so no fit    |
| Drug and alcohol         | D01  | Substance Misuse Team                                    |
| Learning disability      | E01  | Community Team for Learning Disabilities                 |
| Autism                   | C01  | Autism Service                                           |
| Youth offending          | C07  | Youth Offending Service                                  |
| Veterans                 |      | F04 Veterans Complex Treatment Service was retired       |
| Housing                  |      | D08 Rough Sleeping Service covers only part of housing   |
| Debt and benefits, GP registration, women's centre, domestic abuse, peer support, other: |
|                          |      | not mental health teams: no MHSDS code                   |
"""

from __future__ import annotations

from django.db import models


class OpenTo(models.TextChoices):
    """Whom a service takes, by sex: most take anyone; a women's centre takes women."""

    ANYONE = "anyone", "Anyone"
    WOMEN = "women", "Women only"
    MEN = "men", "Men only"


class ServiceType(models.TextChoices):
    COMMUNITY_MENTAL_HEALTH = "community_mental_health", "Community mental health"
    CRISIS = "crisis", "Crisis"
    TALKING_THERAPIES = "talking_therapies", "Talking therapies"
    DRUG_ALCOHOL = "drug_alcohol", "Drug and alcohol"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    AUTISM = "autism", "Autism"
    HOUSING = "housing", "Housing"
    DEBT_BENEFITS = "debt_benefits", "Debt and benefits"
    GP_REGISTRATION = "gp_registration", "GP registration"
    YOUTH_OFFENDING = "youth_offending", "Youth offending"
    VETERANS = "veterans", "Veterans"
    WOMENS_CENTRE = "womens_centre", "Women's centre"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    PEER_SUPPORT = "peer_support", "Peer support"
    OTHER = "other", "Other"


# The table in the module docstring; a type missing here has no national code.
TEAM_TYPE_CODES: dict[str, str] = {
    ServiceType.COMMUNITY_MENTAL_HEALTH: "A06",
    ServiceType.CRISIS: "A02",
    ServiceType.DRUG_ALCOHOL: "D01",
    ServiceType.LEARNING_DISABILITY: "E01",
    ServiceType.AUTISM: "C01",
    ServiceType.YOUTH_OFFENDING: "C07",
}


def team_type_code(service_type: str) -> str:
    return TEAM_TYPE_CODES.get(service_type, "")


class ReferralStatus(models.TextChoices):
    MADE = "made", "Made"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    BOOKED = "booked", "First appointment booked"
    ATTENDED = "attended", "Attended the first appointment"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    ENGAGED = "engaged", "Engaged"
    DISENGAGED = "disengaged", "Disengaged"
    CLOSED = "closed", "Closed"


class ReferralUrgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    URGENT = "urgent", "Urgent"
    EMERGENCY = "emergency", "Emergency"


class ContactType(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video"
    ACCOMPANIED = "accompanied", "Accompanied to an appointment"
    OTHER = "other", "Other"
