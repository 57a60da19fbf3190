"""Codes for consent and information sharing. Plain choices with no imports from other apps, so
the pathway's timeline can label these events without an import cycle."""

from __future__ import annotations

from django.db import models


class ConsentScope(models.TextChoices):
    SERVICE = "service", "The L&D service itself"
    SHARE = "share", "Sharing information with an agency for a purpose"
    RESEARCH = "research", "Research"


class ConsentDecision(models.TextChoices):
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", "Verbal"
    WRITTEN = "written", "Written"


class CapacityOutcome(models.TextChoices):
    """Mental Capacity Act 2005: capacity is judged for a decision, at the time it is made."""

    HAS_CAPACITY = "has_capacity", "Has capacity for this decision"
    LACKS_CAPACITY = "lacks_capacity", "Lacks capacity for this decision"


class Agency(models.TextChoices):
    POLICE_CUSTODY = "police_custody", "Police custody"
    CPS = "cps", "Crown Prosecution Service"
    MAGISTRATES_COURT = "magistrates_court", "Magistrates' court"
    CROWN_COURT = "crown_court", "Crown Court"
    YOUTH_COURT = "youth_court", "Youth court"
    PROBATION = "probation", "Probation"
    YOT = "yot", "Youth offending team"
    SOLICITOR = "solicitor", "Solicitor"
    GP = "gp", "GP"
    OTHER = "other", "Other"


class Purpose(models.TextChoices):
    CHARGING = "charging", "Charging decision"
    OUT_OF_COURT = "out_of_court", "Out-of-court disposal"
    BAIL_REMAND = "bail_remand", "Bail or remand"
    SENTENCING = "sentencing", "Sentencing or pre-sentence report"
    FITNESS_TO_PLEAD = "fitness_to_plead", "Fitness to plead"
    SAFEGUARDING = "safeguarding", "Safeguarding"


class LawfulBasis6(models.TextChoices):
    """UK GDPR Article 6(1): the lawful basis for processing."""

    CONSENT = "6_1_a", "Article 6(1)(a): consent"
    CONTRACT = "6_1_b", "Article 6(1)(b): contract"
    LEGAL_OBLIGATION = "6_1_c", "Article 6(1)(c): legal obligation"
    VITAL_INTERESTS = "6_1_d", "Article 6(1)(d): vital interests"
    PUBLIC_TASK = "6_1_e", "Article 6(1)(e): public task"
    LEGITIMATE_INTERESTS = "6_1_f", "Article 6(1)(f): legitimate interests"


class LawfulBasis9(models.TextChoices):
    """UK GDPR Article 9(2): the condition for processing health (special category) data."""

    EXPLICIT_CONSENT = "9_2_a", "Article 9(2)(a): explicit consent"
    EMPLOYMENT_SOCIAL_PROTECTION = "9_2_b", "Article 9(2)(b): employment, social security and social protection"
    VITAL_INTERESTS = "9_2_c", "Article 9(2)(c): vital interests"
    LEGAL_CLAIMS = "9_2_f", "Article 9(2)(f): legal claims or courts acting in their judicial capacity"
    SUBSTANTIAL_PUBLIC_INTEREST = "9_2_g", "Article 9(2)(g): substantial public interest"
    HEALTH_SOCIAL_CARE = "9_2_h", "Article 9(2)(h): health or social care"
    PUBLIC_HEALTH = "9_2_i", "Article 9(2)(i): public health"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    SECURE_EMAIL = "secure_email", "Secure email"
    REPORT = "report", "Written report"


class ShareBasis(models.TextChoices):
    CONSENT = "consent", "Consent"
    OVERRIDE = "override", "Shared without consent (override)"


class OverrideKind(models.TextChoices):
    SAFEGUARDING = "safeguarding", "Safeguarding"
    VITAL_INTERESTS = "vital_interests", "Vital interests"
    LEGAL_DUTY = "legal_duty", "Legal duty"


class TreatmentRequirement(models.TextChoices):
    """Community sentence treatment requirements a court may attach to an order."""

    MHTR = "mhtr", "Mental health treatment requirement"
    DRR = "drr", "Drug rehabilitation requirement"
    ATR = "atr", "Alcohol treatment requirement"


class PsychiatricReport(models.TextChoices):
    NEEDED = "needed", "A psychiatric report is recommended"
    NOT_NEEDED = "not_needed", "A psychiatric report is not needed"
    NOT_STATED = "not_stated", "Not stated"


class ReportKind(models.TextChoices):
    """Which report template a share uses, from its recipient agency."""

    COURT = "court", "Court"
    POLICE = "police", "Police and prosecution"
    PROBATION = "probation", "Probation and youth offending"
    GENERAL = "general", "Other recipients"


REPORT_KIND_OF_AGENCY: dict[str, ReportKind] = {
    Agency.POLICE_CUSTODY: ReportKind.POLICE,
    Agency.CPS: ReportKind.POLICE,
    Agency.MAGISTRATES_COURT: ReportKind.COURT,
    Agency.CROWN_COURT: ReportKind.COURT,
    Agency.YOUTH_COURT: ReportKind.COURT,
    Agency.PROBATION: ReportKind.PROBATION,
    Agency.YOT: ReportKind.PROBATION,
    Agency.SOLICITOR: ReportKind.GENERAL,
    Agency.GP: ReportKind.GENERAL,
    Agency.OTHER: ReportKind.GENERAL,
}

# Under this age (at the episode) a parent or guardian takes part in consent.
GUARDIAN_AGE = 16
