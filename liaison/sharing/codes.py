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
    # Not consent: what is recorded when the person cannot decide (Mental Capacity Act 2005).
    BEST_INTERESTS = "best_interests", "Lacks capacity: decided in their best interests (MCA s.4)"
    DEFERRED = "deferred", "Deferred: capacity temporarily impaired, consent to be sought later"

    @classmethod
    def without_consent(cls) -> frozenset[str]:
        """Decisions taken for a person who cannot decide now: never consent for a share."""
        return frozenset({cls.BEST_INTERESTS, cls.DEFERRED})


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", "Verbal"
    WRITTEN = "written", "Written"


class CapacityOutcome(models.TextChoices):
    """Mental Capacity Act 2005: capacity is judged for a decision, at the time it is made."""

    HAS_CAPACITY = "has_capacity", "Has capacity for this decision"
    LACKS_CAPACITY = "lacks_capacity", "Lacks capacity for this decision"
    TEMPORARILY_IMPAIRED = "temporarily_impaired", "Capacity temporarily impaired (for example intoxication or crisis)"


class ChildRoute(models.TextChoices):
    """How a child under 16 takes part in a consent decision (Gillick v West Norfolk, 1985)."""

    GILLICK = "gillick", "Judged Gillick competent: the child's own decision"
    PARENTAL = "parental", "With a parent or guardian involved"


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
    # Care purposes: a share with a GP or a service is not a justice decision.
    DIRECT_CARE = "direct_care", "Direct care (health or social care)"
    CARE_COORDINATION = "care_coordination", "Care coordination and case management"
    ONWARD_REFERRAL = "onward_referral", "Onward referral to a service"


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


class Schedule1Condition(models.TextChoices):
    """Data Protection Act 2018, Schedule 1 Part 2: the substantial public interest condition that
    Article 9(2)(g) needs (s.10(3)); the ones that L&D sharing can rest on."""

    STATUTORY = "sch1_p6", "Schedule 1 paragraph 6: statutory and government purposes"
    JUSTICE = "sch1_p7", "Schedule 1 paragraph 7: administration of justice"
    PREVENTING_CRIME = "sch1_p10", "Schedule 1 paragraph 10: preventing or detecting unlawful acts"
    PROTECTING_PUBLIC = "sch1_p11", "Schedule 1 paragraph 11: protecting the public"
    SAFEGUARDING = "sch1_p18", "Schedule 1 paragraph 18: safeguarding of children and individuals at risk"


class ConfidentialityBasis(models.TextChoices):
    """The common-law duty of confidentiality: a basis of its own, beside the UK GDPR one."""

    CONSENT = "consent", "The person's consent"
    PUBLIC_INTEREST = "public_interest", "Overriding public interest"
    REQUIRED_BY_LAW = "required_by_law", "Required by law or by a court order"
    BEST_INTERESTS = "best_interests", "Best interests of a person who lacks capacity (MCA s.4)"


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
    PUBLIC_INTEREST = "public_interest", "Overriding public interest"
    COURT_ORDER = "court_order", "Court order"
    STATUTE = "statute", "Required by a statute (named)"
    BEST_INTERESTS = "best_interests", "Best interests of a person who lacks capacity (MCA s.4)"
    # Kept so shares recorded before statutes were named still read; not offered for new ones.
    LEGAL_DUTY = "legal_duty", "Legal duty (statute not named)"

    @classmethod
    def offered(cls) -> list[tuple[str, str]]:
        return [(v, label) for v, label in cls.choices if v != cls.LEGAL_DUTY]


# Which common-law bases each override can rest on, the first being the usual one.
CONFIDENTIALITY_OF_OVERRIDE: dict[str, tuple[str, ...]] = {
    OverrideKind.SAFEGUARDING: (ConfidentialityBasis.PUBLIC_INTEREST, ConfidentialityBasis.REQUIRED_BY_LAW),
    OverrideKind.VITAL_INTERESTS: (ConfidentialityBasis.PUBLIC_INTEREST, ConfidentialityBasis.BEST_INTERESTS),
    OverrideKind.PUBLIC_INTEREST: (ConfidentialityBasis.PUBLIC_INTEREST,),
    OverrideKind.COURT_ORDER: (ConfidentialityBasis.REQUIRED_BY_LAW,),
    OverrideKind.STATUTE: (ConfidentialityBasis.REQUIRED_BY_LAW,),
    OverrideKind.BEST_INTERESTS: (ConfidentialityBasis.BEST_INTERESTS,),
    OverrideKind.LEGAL_DUTY: (ConfidentialityBasis.REQUIRED_BY_LAW,),
}

# UK GDPR: the Article 9 conditions each Article 6 basis can pair with for L&D, an NHS public
# authority. 6(1)(b) contract and 6(1)(f) legitimate interests pair with nothing: a public
# authority may not use 6(1)(f) for its tasks (Article 6(1), last paragraph), and L&D holds no
# contract with the person. Consent pairs only with explicit consent, vital interests only with
# vital interests (the person unable to consent).
ARTICLE_9_FOR_6: dict[str, tuple[str, ...]] = {
    LawfulBasis6.PUBLIC_TASK: (
        LawfulBasis9.HEALTH_SOCIAL_CARE,
        LawfulBasis9.SUBSTANTIAL_PUBLIC_INTEREST,
        LawfulBasis9.LEGAL_CLAIMS,
        LawfulBasis9.EMPLOYMENT_SOCIAL_PROTECTION,
        LawfulBasis9.PUBLIC_HEALTH,
    ),
    LawfulBasis6.LEGAL_OBLIGATION: (
        LawfulBasis9.SUBSTANTIAL_PUBLIC_INTEREST,
        LawfulBasis9.HEALTH_SOCIAL_CARE,
        LawfulBasis9.LEGAL_CLAIMS,
        LawfulBasis9.EMPLOYMENT_SOCIAL_PROTECTION,
    ),
    LawfulBasis6.VITAL_INTERESTS: (LawfulBasis9.VITAL_INTERESTS,),
    LawfulBasis6.CONSENT: (LawfulBasis9.EXPLICIT_CONSENT,),
    LawfulBasis6.CONTRACT: (),
    LawfulBasis6.LEGITIMATE_INTERESTS: (),
}
# The default for L&D: a public task with health or social care.
DEFAULT_ARTICLE_6 = LawfulBasis6.PUBLIC_TASK
DEFAULT_ARTICLE_9 = LawfulBasis9.HEALTH_SOCIAL_CARE


class TreatmentRequirement(models.TextChoices):
    """Community sentence treatment requirements a court may attach to an order."""

    MHTR = "mhtr", "Mental health treatment requirement"
    DRR = "drr", "Drug rehabilitation requirement"
    ATR = "atr", "Alcohol treatment requirement"


class YouthRequirement(models.TextChoices):
    """Requirements of a youth rehabilitation order (Sentencing Act 2020, Schedule 6) a court may
    attach for a child: the adult treatment requirements are not available under 18."""

    MENTAL_HEALTH = "yro_mental_health", "Youth rehabilitation order: mental health treatment requirement"
    DRUG_TREATMENT = "yro_drug_treatment", "Youth rehabilitation order: drug treatment requirement"
    DRUG_TESTING = "yro_drug_testing", "Youth rehabilitation order: drug testing requirement"
    INTOXICATING_SUBSTANCE = (
        "yro_intoxicating_substance",
        "Youth rehabilitation order: intoxicating substance treatment requirement",
    )


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

# Under this age (at the episode) a child is Gillick competent or a parent or guardian takes part.
GUARDIAN_AGE = 16
# Under this age a person in police custody has an appropriate adult (PACE Code C, 1.5 and 3.15),
# and the adult treatment requirements (MHTR, DRR, ATR) are not available.
ADULT_AGE = 18
