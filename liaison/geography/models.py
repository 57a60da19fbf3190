"""England's reference geography: ONS regions, the 39 territorial police force areas, the local
authorities that make them up, and population estimates of each local authority.

Reference data, not records: it comes from ONS files (`data/`, README beside them), is loaded by
a migration and refreshed by `liaison geography load-population`. Scheme footprints point at
local authorities because early schemes covered parts of force areas (docs/adr/0018).
"""

from __future__ import annotations

from django.db import models


class Region(models.Model):
    """An ONS region of England (E12 codes). Not the NHS England region a scheme reports to."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = "region (ONS)"
        verbose_name_plural = "regions (ONS)"

    def __str__(self) -> str:
        return self.name


class ForceArea(models.Model):
    """A territorial police force area (E23 codes); each lies wholly inside one region."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=80)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="force_areas")

    class Meta:
        ordering = ["name"]
        verbose_name = "police force area"

    def __str__(self) -> str:
        return self.name


class LocalAuthority(models.Model):
    """A lower-tier local authority (district, unitary, metropolitan district, London borough)."""

    code = models.CharField(max_length=9, unique=True, help_text="ONS code, e.g. E08000012")
    name = models.CharField(max_length=80)
    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="local_authorities")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="local_authorities")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class Sex(models.TextChoices):
    PERSONS = "persons", "Persons"
    FEMALE = "female", "Female"
    MALE = "male", "Male"


ALL_AGES = "all"


class PopulationRelease(models.Model):
    """One load of a year's estimates: where they came from, so every figure can be traced."""

    year = models.PositiveSmallIntegerField(unique=True, help_text="Mid-year (30 June) of the estimate")
    source = models.CharField(max_length=300)
    sha256 = models.CharField(
        max_length=64, help_text="Digest of the file loaded (of its files' bytes in order, if several)"
    )
    rows = models.PositiveIntegerField()
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"Mid-{self.year} estimates"


class PopulationEstimate(models.Model):
    """Usual residents of a local authority at mid-year, for persons of all ages or by sex and
    age band (`age` is `all`, a single year `17`, a band `18-24` or an open band `90+`). The
    shipped mid-2023 release has persons in the reporting store's age bands from 10 (ADR 0035)."""

    release = models.ForeignKey(PopulationRelease, on_delete=models.CASCADE, related_name="estimates")
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="populations")
    sex = models.CharField(max_length=8, choices=Sex.choices, default=Sex.PERSONS)
    age = models.CharField(max_length=8, default=ALL_AGES)
    population = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release", "local_authority", "sex", "age"], name="one_estimate_per_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.local_authority} {self.sex} {self.age}: {self.population}"


class EthnicGroup(models.TextChoices):
    """Census 2021's five high-level ethnic groups."""

    ASIAN = "asian", "Asian, Asian British or Asian Welsh"
    BLACK = "black", "Black, Black British, Black Welsh, Caribbean or African"
    MIXED = "mixed", "Mixed or Multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"


class CensusEthnicGroup(models.Model):
    """Usual residents of a force area by ethnic group on Census Day 2021 (table TS021), so that
    reporting can set the people L&D meets beside the population they come from."""

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="ethnic_groups")
    group = models.CharField(max_length=8, choices=EthnicGroup.choices)
    population = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["force_area", "group"], name="one_count_per_force_and_group")]

    def __str__(self) -> str:
        return f"{self.force_area} {self.group}: {self.population}"
