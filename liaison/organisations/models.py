"""The commissioned network: regions, schemes, the sites they cover, teams, and who works where."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from liaison.core import clock
from liaison.core.models import Event
from liaison.geography.models import LocalAuthority
from liaison.organisations import hours


class PointOfContact(models.TextChoices):
    """Where in the justice system L&D meets a person (domain.md, points of contact)."""

    CUSTODY = "custody", "Police custody suite"
    VOLUNTARY_ATTENDANCE = "voluntary_attendance", "Voluntary attendance at a police station"
    MAGISTRATES_COURT = "magistrates_court", "Magistrates' court"
    YOUTH_COURT = "youth_court", "Youth court or referral order panel"
    CROWN_COURT = "crown_court", "Crown Court"
    PROBATION = "probation", "Probation (pre-sentence report)"
    YOT = "yot", "Youth offending team"
    COMMUNITY = "community", "Community setting"

    @classmethod
    def courts(cls) -> set[str]:
        return {cls.MAGISTRATES_COURT, cls.YOUTH_COURT, cls.CROWN_COURT}


class SiteKind(models.TextChoices):
    CUSTODY_SUITE = "custody_suite", "Custody suite"
    POLICE_STATION = "police_station", "Police station (voluntary attendance)"
    MAGISTRATES_COURT = "magistrates_court", "Magistrates' court"
    YOUTH_COURT = "youth_court", "Youth court"
    CROWN_COURT = "crown_court", "Crown Court"
    PROBATION_OFFICE = "probation_office", "Probation office"
    YOT = "yot", "Youth offending team"
    COMMUNITY = "community", "Community base"


# The point of contact a site usually serves, offered first in the identification form.
SITE_DEFAULT_POINT_OF_CONTACT = {
    SiteKind.CUSTODY_SUITE: PointOfContact.CUSTODY,
    SiteKind.POLICE_STATION: PointOfContact.VOLUNTARY_ATTENDANCE,
    SiteKind.MAGISTRATES_COURT: PointOfContact.MAGISTRATES_COURT,
    SiteKind.YOUTH_COURT: PointOfContact.YOUTH_COURT,
    SiteKind.CROWN_COURT: PointOfContact.CROWN_COURT,
    SiteKind.PROBATION_OFFICE: PointOfContact.PROBATION,
    SiteKind.YOT: PointOfContact.YOT,
    SiteKind.COMMUNITY: PointOfContact.COMMUNITY,
}


class Region(models.Model):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Scheme(models.Model):
    """A commissioned L&D service. What it covers is its footprint: local authorities, each from
    one date to another (`Footprint`), since early schemes covered parts of force areas."""

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=160)
    provider = models.CharField(max_length=200, help_text="The NHS trust or organisation that runs it")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="schemes")
    wave = models.PositiveSmallIntegerField(help_text="National roll-out wave (1 = April 2014, 2 = April 2015, ...)")
    go_live = models.DateField()
    footprint_note = models.CharField(
        max_length=300, blank=True, help_text="What the footprint cannot say, e.g. a force area only partly covered"
    )
    # How a court, police or probation reaches the service: printed on every report it sends.
    contact_phone = models.CharField(max_length=32, blank=True)
    contact_email = models.EmailField(max_length=254, blank=True)
    contact_address = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def force_areas(self) -> list[str]:
        """The police force areas the scheme covers today, wholly or in part, by name."""
        return self.force_areas_on(clock.today())

    def force_areas_on(self, day: date) -> list[str]:
        footprints = Footprint.objects.filter(scheme=self).in_effect(day)
        return sorted(set(footprints.values_list("local_authority__force_area__name", flat=True)))


class FootprintQuerySet(models.QuerySet["Footprint"]):
    def in_effect(self, day: date) -> FootprintQuerySet:
        """Footprints covering `day` (both ends of the period count)."""
        return self.in_effect_between(day, day)

    def in_effect_between(self, first: date, last: date | None) -> FootprintQuerySet:
        """Footprints covering any day from `first` to `last` (None: open-ended)."""
        covering = self.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=first))
        return covering if last is None else covering.filter(effective_from__lte=last)


class Footprint(models.Model):
    """A local authority a scheme covers, from `effective_from` to `effective_to` (the last day
    covered; empty while it still is). Written only through `actions.footprint_*`."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="footprints")
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="footprints")
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True, help_text="Last day covered; empty while it still is")

    objects = FootprintQuerySet.as_manager()

    class Meta:
        ordering = ["scheme__name", "local_authority__name", "effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="footprint_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["effective_from", "effective_to"])]

    def __str__(self) -> str:
        until = f" to {self.effective_to:%Y-%m-%d}" if self.effective_to else ""
        return f"{self.local_authority} from {self.effective_from:%Y-%m-%d}{until}"

    def problems(self) -> dict[str, str]:
        """Field -> message: a period that ends before it starts, or that overlaps another period
        of the same scheme and local authority (one area, one scheme: one period at a time)."""
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            return {"effective_to": "The last day covered cannot be before the first"}
        if self.scheme_id is None or self.local_authority_id is None or self.effective_from is None:
            return {}
        others = Footprint.objects.filter(scheme_id=self.scheme_id, local_authority_id=self.local_authority_id)
        overlapping = others.exclude(pk=self.pk).in_effect_between(self.effective_from, self.effective_to)
        clash = overlapping.order_by("effective_from").first()
        if clash is not None:
            return {"effective_from": f"The scheme already covers {clash}"}
        return {}

    def clean(self) -> None:
        problems = self.problems()
        if problems:
            raise ValidationError(problems)


class CoverageClaim(models.Model):
    """A published statement of how much of England L&D covered by a date. Sources disagree
    (docs/domain.md), so each is kept, with its source, beside the figure computed from
    footprints rather than in place of it."""

    as_of = models.DateField()
    percent = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True, help_text="People covered, where stated")
    schemes = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Schemes live, where stated")
    statement = models.TextField(help_text="What the source says")
    source = models.CharField(max_length=300)
    url = models.URLField(blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["as_of", "source"]

    def __str__(self) -> str:
        return f"{self.as_of:%Y-%m-%d}: {self.source}"


class Site(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="sites")
    code = models.CharField(max_length=24, unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=24, choices=SiteKind.choices)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def periods(self) -> list[hours.Period]:
        """When L&D staff are on site (`OpeningPeriod`s; prefetch `opening_periods` for a list)."""
        return [hours.Period(p.weekday, p.opens, p.closes) for p in self.opening_periods.all()]

    @property
    def operating_hours(self) -> str:
        return hours.describe(self.periods())

    @property
    def open_24_7(self) -> bool:
        return hours.is_24_7(self.periods())

    @property
    def default_point_of_contact(self) -> str:
        return SITE_DEFAULT_POINT_OF_CONTACT[SiteKind(self.kind)]


class OpeningPeriod(models.Model):
    """One stretch of a day of the week when L&D staff are at the site (`hours.py`): minutes from
    midnight, closing up to 1,440 (the end of the day)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(help_text="0 = Monday ... 6 = Sunday")
    opens = models.PositiveSmallIntegerField(help_text="Minutes from midnight")
    closes = models.PositiveSmallIntegerField(help_text="Minutes from midnight, up to 1440 (the end of the day)")

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="opening_weekday_monday_to_sunday"),
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes"), closes__lte=hours.DAY_MINUTES),
                name="opening_opens_before_it_closes",
            ),
            models.UniqueConstraint(fields=["site", "weekday", "opens"], name="one_opening_per_start"),
        ]

    def __str__(self) -> str:
        return hours.describe([hours.Period(self.weekday, self.opens, self.closes)])

    def clean(self) -> None:
        try:
            hours.Period(self.weekday, self.opens, self.closes)
        except ValueError as e:
            raise ValidationError(str(e)) from None


class ResponseTarget(models.Model):
    """How soon a person identified at this site and point of contact should be screened.

    No national screening-time target is published, so each site sets its own (domain.md).
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="response_targets")
    point_of_contact = models.CharField(max_length=24, choices=PointOfContact.choices)
    minutes = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "point_of_contact"], name="one_target_per_site_and_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.site}: {self.get_point_of_contact_display()} within {self.minutes} minutes"


class Team(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=160)
    children_and_young_people = models.BooleanField(default=False, help_text="Serves ages 10-17")
    sites = models.ManyToManyField(Site, blank=True, related_name="teams")

    class Meta:
        ordering = ["scheme__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.scheme.code})"


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    SUPPORT_WORKER = "support_worker", "Support worker"
    TEAM_LEAD = "team_lead", "Team lead"
    SCHEME_MANAGER = "scheme_manager", "Scheme manager"
    COMMISSIONER = "commissioner", "Commissioner"
    NATIONAL_ANALYST = "national_analyst", "National analyst"
    ADMINISTRATOR = "administrator", "Administrator"

    @classmethod
    def clinical(cls) -> frozenset[str]:
        """Roles that may open identifiable records of their own schemes."""
        return frozenset({cls.PRACTITIONER, cls.SUPPORT_WORKER, cls.TEAM_LEAD, cls.SCHEME_MANAGER})

    @classmethod
    def recording(cls) -> frozenset[str]:
        """Roles that may record pathway steps."""
        return frozenset({cls.PRACTITIONER, cls.TEAM_LEAD, cls.SCHEME_MANAGER})

    @classmethod
    def oversight(cls) -> frozenset[str]:
        """Roles that see the whole scheme's caseload and who looked at a record."""
        return frozenset({cls.TEAM_LEAD, cls.SCHEME_MANAGER})


class Membership(models.Model):
    """A staff member's role in one scheme, or at one site of a scheme."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships")
    role = models.CharField(max_length=24, choices=Role.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(scheme__isnull=False, site__isnull=True)
                    | models.Q(scheme__isnull=True, site__isnull=False)
                ),
                name="membership_is_scheme_or_site",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.site or self.scheme}"

    @property
    def scheme_id_in_effect(self) -> int:
        """A site membership belongs to the site's scheme."""
        if self.scheme_id is not None:
            return self.scheme_id
        assert self.site is not None
        return self.site.scheme_id


class OrganisationEvent(Event):
    """A change to the network: a scheme, site, response target, footprint or membership (`events.py`).

    `subject` names the table and `subject_id` the row, so a deleted membership keeps its
    history; `scheme` says whose network it is, for scoping and reporting.
    """

    stream = "organisation"

    class Subject(models.TextChoices):
        SCHEME = "scheme", "Scheme"
        SITE = "site", "Site"
        RESPONSE_TARGET = "response_target", "Response target"
        MEMBERSHIP = "membership", "Membership"
        FOOTPRINT = "footprint", "Footprint"

    subject = models.CharField(max_length=20, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField()
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, null=True, blank=True, related_name="events")

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(fields=["subject", "subject_id", "occurred_at"]),
            models.Index(fields=["kind", "occurred_at"]),
        ]
