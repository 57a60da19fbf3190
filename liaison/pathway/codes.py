"""Codes recorded on the pathway: referral sources, who alerted L&D, justice and L&D outcomes.

The clinical vocabulary other apps share (vulnerabilities, finding status, urgency) is in
`liaison.core.vocabulary`."""

from __future__ import annotations

from django.db import models


class ReferralSource(models.TextChoices):
    """NHS Data Dictionary: Source of Referral for Mental Health, the codes L&D meets.

    Justice first, where most alerts come from. Labels follow the Data Dictionary's descriptions;
    the code is shown because national returns and partner systems speak in codes.
    """

    E1 = "E1", "Police (E1)"
    E2 = "E2", "Courts (E2)"
    E3 = "E3", "Probation service (E3)"
    E4 = "E4", "Prison (E4)"
    E5 = "E5", "Court liaison and diversion service (E5)"
    E6 = "E6", "Youth offending team (E6)"
    B1 = "B1", "Self-referral (B1)"
    B2 = "B2", "Carer or relative (B2)"
    A1 = "A1", "General medical practitioner practice (A1)"
    A3 = "A3", "Other primary health care (A3)"
    H1 = "H1", "Emergency care department (H1)"
    C1 = "C1", "Social services (C1)"
    C2 = "C2", "Education service or educational establishment (C2)"
    C3 = "C3", "Housing service (C3)"
    D1 = "D1", "Employer (D1)"
    G4 = "G4", "Voluntary sector (G4)"
    M4 = "M4", "Drug action team or drug misuse agency (M4)"
    M6 = "M6", "Other service or agency (M6)"
    P1 = "P1", "Internal referral (P1)"
    Q1 = "Q1", "Mental health drop-in service (Q1)"
    I1 = "I1", "Temporary transfer from another mental health NHS trust (I1)"
    I2 = "I2", "Permanent transfer from another mental health NHS trust (I2)"


# Until this list was corrected, D1 was labelled "Education service" and Q1 "Temporary transfer
# from another mental health service": every D1 stored then meant education (now C2) and every
# Q1 a temporary transfer (now I1). Old code -> the code that says the same thing now, for
# upcasting event payloads written before the correction (stored episodes were migrated).
LEGACY_REFERRAL_SOURCE: dict[str, str] = {"D1": ReferralSource.C2.value, "Q1": ReferralSource.I1.value}


class AlertedBy(models.TextChoices):
    """Who alerted L&D, for those the referral-source list has no code of its own for.

    Optional, beside the free-text "who alerted L&D": it lets a national return count these
    alerts under a referral source (ALERTED_BY_NATIONAL_CODE) without parsing words.
    """

    SOLICITOR = "solicitor", "Solicitor"
    CUSTODY_HEALTHCARE = "custody_healthcare", "Custody healthcare professional"
    APPROPRIATE_ADULT = "appropriate_adult", "Appropriate adult"


# The Source of Referral for Mental Health each local value counts as. A solicitor and an
# appropriate adult belong to none of the justice agencies the list names, so they are "other
# service or agency". Custody healthcare professionals (nurses, paramedics, forensic physicians)
# usually work within police custody under the force's contract, so their alerts count as police.
ALERTED_BY_NATIONAL_CODE: dict[str, ReferralSource] = {
    AlertedBy.SOLICITOR: ReferralSource.M6,
    AlertedBy.CUSTODY_HEALTHCARE: ReferralSource.E1,
    AlertedBy.APPROPRIATE_ADULT: ReferralSource.M6,
}


class JusticeOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    OUT_OF_COURT_DISPOSAL = "out_of_court_disposal", "Out-of-court disposal"
    CHARGED_BAILED = "charged_bailed", "Charged and bailed"
    REMANDED = "remanded", "Remanded in custody"
    SENTENCED = "sentenced", "Sentenced"
    NOT_KNOWN = "not_known", "Not known"


class SentenceType(models.TextChoices):
    CUSTODIAL = "custodial", "Immediate custody"
    SUSPENDED = "suspended", "Suspended sentence order"
    COMMUNITY_ORDER = "community_order", "Community order"
    COMMUNITY_ORDER_TREATMENT = "community_order_treatment", "Community order with a treatment requirement"
    HOSPITAL_ORDER = "hospital_order", "Hospital order"
    YOUTH_REHABILITATION_ORDER = "youth_rehabilitation_order", "Youth rehabilitation order"
    REFERRAL_ORDER = "referral_order", "Referral order"
    FINE = "fine", "Fine"
    DISCHARGE = "discharge", "Conditional or absolute discharge"
    OTHER = "other", "Other"


class LdOutcome(models.TextChoices):
    DIVERTED_OUT = "diverted_out", "Diverted out of the justice system"
    DIVERTED_WITHIN = "diverted_within", "Diverted within the justice system"
    NO_FURTHER_LD_ACTION = "no_further_ld_action", "No further L&D action"
    DECLINED = "declined", "Declined L&D"
