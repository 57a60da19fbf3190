"""Codes recorded on the pathway: referral sources, vulnerabilities, outcomes."""

from __future__ import annotations

from django.db import models


class ReferralSource(models.TextChoices):
    """NHS Data Dictionary: Source of Referral for Mental Health (the codes L&D meets)."""

    E1 = "E1", "Police (E1)"
    E2 = "E2", "Courts (E2)"
    E3 = "E3", "Probation service (E3)"
    E4 = "E4", "Prison (E4)"
    E5 = "E5", "Court liaison and diversion service (E5)"
    E6 = "E6", "Youth offending team (E6)"
    B1 = "B1", "Self-referral (B1)"
    B2 = "B2", "Carer or relative (B2)"
    C1 = "C1", "Social services (C1)"
    D1 = "D1", "Education service (D1)"
    A1 = "A1", "General medical practitioner (A1)"
    G4 = "G4", "Voluntary sector (G4)"
    Q1 = "Q1", "Temporary transfer from another mental health service (Q1)"


class Vulnerability(models.TextChoices):
    """The vulnerability domains L&D screens for (domain.md)."""

    MENTAL_HEALTH = "mental_health", "Mental health"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    LEARNING_DIFFICULTY = "learning_difficulty", "Learning difficulties"
    NEURODIVERSITY = "neurodiversity", "Autism and ADHD (neurodiversity)"
    COMMUNICATION = "communication", "Speech, language and communication needs"
    BRAIN_INJURY = "brain_injury", "Acquired brain injury"
    DRUGS = "drugs", "Drug misuse"
    ALCOHOL = "alcohol", "Alcohol misuse"
    PHYSICAL_HEALTH = "physical_health", "Physical health"
    SELF_HARM = "self_harm", "Self-harm and suicide risk"
    SAFEGUARDING = "safeguarding", "Safeguarding (including abuse and exploitation)"
    TRAUMA = "trauma", "Trauma"
    PERSONALITY_DISORDER = "personality_disorder", "Personality disorder"
    HOUSING = "housing", "Housing and homelessness"
    FINANCE = "finance", "Finance and debt"
    EMPLOYMENT = "employment", "Employment and education"
    CHARGE_RELATED = "charge_related", "Charge-related vulnerability"
    VETERAN = "veteran", "Veteran"
    YOUNG_PERSON = "young_person", "Young person in custody"
    WOMAN = "woman", "Woman in custody"


class FindingStatus(models.TextChoices):
    SUSPECTED = "suspected", "Suspected"
    CONFIRMED = "confirmed", "Confirmed"
    RULED_OUT = "ruled_out", "Ruled out"
    NOT_KNOWN = "not_known", "Not known"


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", "Immediate"
    SAME_DAY = "same_day", "Same day"
    ROUTINE = "routine", "Routine"


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
