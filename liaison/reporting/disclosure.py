"""Statistical disclosure control: the one place a figure is made safe to publish.

Every figure that leaves the service in aggregate (pages, CSV, Excel, API, charts) passes through
`publish`, `percentage` or `publish_table` here, and nowhere else rounds or suppresses. The rule is
the NHS one for hospital statistics (docs/domain.md, "Statistical disclosure control"):

- national figures are published as they are;
- below national (region, scheme, site): 0 stays 0, 1 to 7 is shown as `*`, 8 and above is
  rounded to the nearest 5 (8, 9, 10, 11 and 12 all show as 10; 13 shows as 15);
- percentages are computed from the rounded figures, never from the true ones.

The thresholds are settings (LIAISON_DISCLOSURE_SUPPRESS_BELOW, default 8, so 1-7 is suppressed;
LIAISON_DISCLOSURE_ROUND_TO, default 5), checked when the service starts. A half rounds up
(with an even LIAISON_DISCLOSURE_ROUND_TO such as 10, 15 shows as 20); with the default of 5 no
whole count lies half-way.

Scheme staff checking their own figures see them unrounded through `unrounded` and
`unrounded_percentage`, which return `Unrounded`: a different type from `Published`, labelled
"not for publication", so a raw figure cannot be handed to something that publishes by mistake
(mypy rejects it) and never prints without its label. Who may see unrounded figures (their own
scheme's staff, never commissioners) is decided by the caller's selector, not here.

Known limitation, differencing: domain.md asks for no secondary suppression, and none is done.
A total is rounded from the true total, independently of its cells, as the NHS rule does; the
rounding of every shown cell to 5 blurs what a subtraction reveals, but a total published
beside cells of which one is suppressed narrows that cell to a range rather than hiding it.
Callers that publish a total beside its parts should use `publish_table`, which rounds the
total from the true figures, so that at least no unrounded sum is ever shown.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Generic, NewType, TypeAlias, TypeVar, final

from django.conf import settings

K = TypeVar("K")

__all__ = [
    "NOT_FOR_PUBLICATION",
    "SUPPRESSED",
    "Level",
    "Policy",
    "Published",
    "PublishedCount",
    "PublishedPercentage",
    "PublishedTable",
    "Suppressed",
    "Unrounded",
    "percentage",
    "policy_problem",
    "publish",
    "publish_table",
    "unrounded",
    "unrounded_percentage",
]


class Level(enum.StrEnum):
    """How wide the area a figure covers is: only national figures are published as they are."""

    NATIONAL = "national"
    REGION = "region"
    SCHEME = "scheme"
    SITE = "site"


@final
class Suppressed:
    """The marker shown in place of a small count: `*`. There is one, `SUPPRESSED`."""

    _instance: Suppressed | None = None

    def __new__(cls) -> Suppressed:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return "*"

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __reduce__(self) -> str:
        # Pickled and unpickled (caches, worker processes) it is still the one marker.
        return "SUPPRESSED"


SUPPRESSED: Final = Suppressed()

# A count that has been through `publish`. A NewType, so a plain int (a true count) is not one to
# mypy; arithmetic on published counts gives a plain int again, which is right: the sum of
# rounded figures is not itself a published figure.
PublishedCount = NewType("PublishedCount", int)
Published: TypeAlias = PublishedCount | Suppressed
# A percentage computed from published counts, rounded to the places asked for.
PublishedPercentage: TypeAlias = Decimal | Suppressed


@dataclass(frozen=True)
class Policy:
    """The thresholds: counts 1 to suppress_below - 1 are suppressed, the rest rounded to round_to.

    A policy must keep its own promises, so it refuses thresholds under which a count it shows
    could round to 0 or into the suppressed range (e.g. suppressing below 8 but rounding to 6,
    which would show 8 as 6).
    """

    suppress_below: int = 8
    round_to: int = 5

    def __post_init__(self) -> None:
        if problem := policy_problem(self.suppress_below, self.round_to):
            raise ValueError(problem)

    @classmethod
    def from_settings(cls) -> Policy:
        """The policy in force (settings.DISCLOSURE_SUPPRESS_BELOW and DISCLOSURE_ROUND_TO)."""
        return cls(suppress_below=settings.DISCLOSURE_SUPPRESS_BELOW, round_to=settings.DISCLOSURE_ROUND_TO)

    def round(self, count: int) -> int:
        """count to the nearest multiple of round_to, a half up (integers only: no float error)."""
        return (2 * count + self.round_to) // (2 * self.round_to) * self.round_to


def policy_problem(suppress_below: int, round_to: int) -> str | None:
    """Why these thresholds cannot be used, or None. liaison/settings.py applies the same rule."""
    if suppress_below < 1:
        return f"the suppression threshold must be 1 or more, not {suppress_below}"
    if round_to < 1:
        return f"the rounding base must be 1 or more, not {round_to}"
    smallest_shown = (2 * suppress_below + round_to) // (2 * round_to) * round_to
    if smallest_shown < suppress_below:
        return (
            f"rounding to {round_to} would show {suppress_below}, the smallest count not suppressed, "
            f"as {smallest_shown}, below the threshold"
        )
    return None


def publish(count: int, *, level: Level, policy: Policy | None = None) -> Published:
    """The figure to show for a true count at this level: as it is nationally, else 0, `*` or rounded."""
    _check_count(count)
    if level is Level.NATIONAL:
        return PublishedCount(count)
    policy = policy or Policy.from_settings()
    if count == 0:
        return PublishedCount(0)
    if count < policy.suppress_below:
        return SUPPRESSED
    return PublishedCount(policy.round(count))


def percentage(
    numerator: int, denominator: int, *, level: Level, places: int = 1, policy: Policy | None = None
) -> PublishedPercentage:
    """numerator as a percentage of denominator, computed from their published figures.

    Suppressed when either figure is suppressed (a percentage would give the small count away)
    or when the denominator shows as 0 (there is nothing to take a share of). A half rounds up.
    """
    if numerator > denominator:
        raise ValueError(f"a numerator ({numerator}) cannot exceed its denominator ({denominator})")
    policy = policy or Policy.from_settings()
    shown_numerator = publish(numerator, level=level, policy=policy)
    shown_denominator = publish(denominator, level=level, policy=policy)
    if isinstance(shown_numerator, Suppressed) or isinstance(shown_denominator, Suppressed):
        return SUPPRESSED
    if shown_denominator == 0:
        return SUPPRESSED
    return _as_percentage(shown_numerator, shown_denominator, places)


@dataclass(frozen=True)
class PublishedTable(Generic[K]):
    """A table of counts as published: each row's figure, and the total rounded from the true total."""

    rows: dict[K, Published]
    total: Published


def publish_table(rows: Mapping[K, int], *, level: Level, policy: Policy | None = None) -> PublishedTable[K]:
    """Every count in a table published by the same rule, with its total (see the module's note on
    differencing: the total is rounded from the true total, not summed from rounded cells)."""
    policy = policy or Policy.from_settings()
    return PublishedTable(
        rows={key: publish(count, level=level, policy=policy) for key, count in rows.items()},
        total=publish(sum(rows.values()), level=level, policy=policy),
    )


NOT_FOR_PUBLICATION: Final = "not for publication"

V = TypeVar("V")


@dataclass(frozen=True)
class Unrounded(Generic[V]):
    """A true figure for scheme staff checking their own records: never for publication.

    Not an int and not `Published`, so it cannot be passed where a published figure is expected,
    and it prints with its label; a page shows `.value` only beside `.label`.
    """

    value: V
    label: str = NOT_FOR_PUBLICATION

    def __str__(self) -> str:
        shown = "no figure" if self.value is None else str(self.value)
        return f"{shown} ({self.label})"


def unrounded(count: int) -> Unrounded[int]:
    """The true count, labelled not for publication."""
    _check_count(count)
    return Unrounded(count)


def unrounded_percentage(numerator: int, denominator: int, *, places: int = 1) -> Unrounded[Decimal | None]:
    """The true percentage (None when the denominator is 0), labelled not for publication."""
    _check_count(numerator)
    _check_count(denominator)
    if numerator > denominator:
        raise ValueError(f"a numerator ({numerator}) cannot exceed its denominator ({denominator})")
    return Unrounded(None if denominator == 0 else _as_percentage(numerator, denominator, places))


def _as_percentage(numerator: int, denominator: int, places: int) -> Decimal:
    exact = Decimal(100 * numerator) / Decimal(denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _check_count(count: int) -> None:
    # A bool is an int to Python; a True slipping in as a count is a bug, not a 1.
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"a count must be an int, not {type(count).__name__}")
    if count < 0:
        raise ValueError(f"a count cannot be negative ({count})")
