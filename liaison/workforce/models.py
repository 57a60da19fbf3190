"""The workforce of each scheme: the career framework's role profiles and competencies (a
versioned file, `career.py`), staff records, training completed, and the scheme's own planning
assumptions where they differ from the shipped defaults (`planning.py`), ADR 0031.

A staff record is not a user account: many staff never sign in (a peer worker of a voluntary
partner, a court-based practitioner of another trust), and an account holds no registration or
contract. Where a member of staff has an account the record links to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liaison.core.models import Event, LoadedFile
from liaison.organisations.models import Scheme


class CareerFramework(LoadedFile):
    """One version of the career and competency framework, as loaded from its file."""

    groups = models.JSONField(help_text="Planning group code -> title, in the file's order")

    class Meta(LoadedFile.Meta):
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="career_framework_version_once")]


class Competency(models.Model):
    framework = models.ForeignKey(CareerFramework, on_delete=models.PROTECT, related_name="competencies")
    code = models.CharField(max_length=16)
    title = models.CharField(max_length=200)
    renew_months = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty: done once")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="competency_code_once")]

    def __str__(self) -> str:
        return self.title


class RoleProfile(models.Model):
    framework = models.ForeignKey(CareerFramework, on_delete=models.PROTECT, related_name="roles")
    code = models.CharField(max_length=16)
    level = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    group = models.CharField(max_length=24, help_text="The planning group it counts in")
    lived_experience = models.BooleanField(help_text="A peer role: lived experience is part of the job")
    registration = models.BooleanField(help_text="The role expects a professional registration")
    summary = models.TextField()
    competencies = models.ManyToManyField(Competency, related_name="roles")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="role_profile_code_once")]

    def __str__(self) -> str:
        return f"{self.title} (level {self.level})"


class Profession(models.TextChoices):
    MENTAL_HEALTH_NURSE = "mh_nurse", "Mental health nurse"
    LD_NURSE = "ld_nurse", "Learning disability nurse"
    OTHER_NURSE = "nurse", "Nurse (other field)"
    SOCIAL_WORKER = "social_worker", "Social worker"
    OCCUPATIONAL_THERAPIST = "ot", "Occupational therapist"
    PSYCHOLOGIST = "psychologist", "Practitioner psychologist"
    SPEECH_THERAPIST = "salt", "Speech and language therapist"
    PARAMEDIC = "paramedic", "Paramedic"
    NONE = "none", "No registered profession"


class Body(models.TextChoices):
    NMC = "nmc", "Nursing and Midwifery Council"
    HCPC = "hcpc", "Health and Care Professions Council"
    SWE = "swe", "Social Work England"
    NONE = "", "Not registered"


# Which body registers each profession; a registration with another body is refused.
BODY_OF = {
    Profession.MENTAL_HEALTH_NURSE: Body.NMC,
    Profession.LD_NURSE: Body.NMC,
    Profession.OTHER_NURSE: Body.NMC,
    Profession.SOCIAL_WORKER: Body.SWE,
    Profession.OCCUPATIONAL_THERAPIST: Body.HCPC,
    Profession.PSYCHOLOGIST: Body.HCPC,
    Profession.SPEECH_THERAPIST: Body.HCPC,
    Profession.PARAMEDIC: Body.HCPC,
    Profession.NONE: Body.NONE,
}


class Team(models.TextChoices):
    CORE = "core", "Core team"
    EXTENDED = "extended", "Extended team"


class StaffRecord(models.Model):
    """One member of a scheme's staff in one post. Leaving ends the record (`ended_on`, with a
    reason); it is never deleted, so the plan's history and training stay explained."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="staff_records")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="staff_records"
    )
    given_name = models.CharField(max_length=80)
    family_name = models.CharField(max_length=80)
    role = models.ForeignKey(RoleProfile, on_delete=models.PROTECT, related_name="staff")
    profession = models.CharField(max_length=16, choices=Profession.choices)
    registration_body = models.CharField(max_length=8, choices=Body.choices, blank=True)
    registration_number = models.CharField(max_length=20, blank=True)
    registration_expires = models.DateField(null=True, blank=True)
    fte = models.DecimalField(max_digits=3, decimal_places=2, help_text="Contracted whole-time equivalent")
    team = models.CharField(max_length=10, choices=Team.choices)
    lived_experience = models.BooleanField(help_text="In a peer (lived-experience) role")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        indexes = [models.Index(fields=["scheme", "ended_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(fte__gt=0, fte__lte=1), name="staff_fte_within_one"),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def name(self) -> str:
        return str(self)

    @property
    def in_post(self) -> bool:
        return self.ended_on is None


class TrainingRecord(models.Model):
    """A competency's training completed, with when it expires (from the competency's renewal
    period unless given) and the evidence seen. A record entered in error is withdrawn with a
    reason, never deleted."""

    staff = models.ForeignKey(StaffRecord, on_delete=models.PROTECT, related_name="training")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    evidence = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    # Entered in error (the wrong person, course or date): kept, with why, and no longer counted.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [models.Index(fields=["staff", "competency", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.competency.code} on {self.completed_on}"


class PlanAssumption(models.Model):
    """A scheme's own value for one planning assumption; without a row the shipped default
    applies. Every change is a `plan:assumptions:change` event with the old and new values."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="plan_assumptions")
    key = models.CharField(max_length=60)
    value = models.DecimalField(max_digits=8, decimal_places=2)
    reason = models.CharField(max_length=300)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["scheme", "key"]
        constraints = [models.UniqueConstraint(fields=["scheme", "key"], name="plan_assumption_once")]

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.key} = {self.value}"


class WorkforceEvent(Event):
    """The workforce stream (`events.py`): staff added, changed and leaving, training recorded,
    planning assumptions changed."""

    stream = "workforce"

    class Subject(models.TextChoices):
        STAFF = "staff", "Staff record"
        TRAINING = "training", "Training record"
        PLAN = "plan", "Planning assumptions"

    subject = models.CharField(max_length=10, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField()
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["subject", "subject_id", "occurred_at"])]
