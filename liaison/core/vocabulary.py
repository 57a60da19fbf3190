"""The clinical vocabulary several apps share: vulnerability domains (concerns raised at
identification, findings at screening, needs in an assessment, what a report shares), the status
of a finding, and how urgent a need is. In core, so any app may use it whatever its layer."""

from __future__ import annotations

from django.db import models


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


# Codes once offered as vulnerabilities. Being a young person or a woman in custody is a fact
# about the person (their date of birth and sex at the episode), shown as a flag, not a finding
# to suspect or confirm. Old events and voided findings still name them; they read like this.
RETIRED_VULNERABILITIES: dict[str, str] = {
    "young_person": "Young person in custody",
    "woman": "Woman in custody",
}


# Built once: `Vulnerability.values` builds its list afresh on every call, several times a row
# of every worklist.
_VULNERABILITY_LABELS: dict[str, str] = {str(v.value): str(v.label) for v in Vulnerability}


def vulnerability_label(code: object) -> str:
    """The label of a vulnerability code, current or retired; an unknown code as it is."""
    text = str(code or "")
    return _VULNERABILITY_LABELS.get(text) or RETIRED_VULNERABILITIES.get(text, text)


class FindingStatus(models.TextChoices):
    SUSPECTED = "suspected", "Suspected"
    CONFIRMED = "confirmed", "Confirmed"
    RULED_OUT = "ruled_out", "Ruled out"
    NOT_KNOWN = "not_known", "Not known"


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", "Immediate"
    SAME_DAY = "same_day", "Same day"
    ROUTINE = "routine", "Routine"
