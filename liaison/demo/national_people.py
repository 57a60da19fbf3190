"""The national build's people: names from pools, NHS numbers that never repeat.

The 999 range (999 000 0000 to 999 999 9999) holds 909,091 numbers with a valid modulus-11
check digit. A full national build meets about 1.2 million people; at the twelve-month demo's
share (78% give a number) that would need more numbers than the range holds. So the share who
give a number is the demo's where the range can hold it and lower where it cannot: at 1.5
million episodes about 71% give one (45% verified, 26% unverified) and 29% none, which is still
"many people in custody give no NHS number" (domain.md; no national figure is published). The
rest are recorded as not given, as a custody record without one is.

Numbers are drawn without repeats: the nine-digit prefixes are visited in a seeded order (a
step coprime with a million), and each of the build's simulations takes its own stretch of that
order, sized by its share of the episodes, so two never hand out the same number. Should a
stretch still run out (an unusually large build), the people after it have none recorded.
"""

from __future__ import annotations

import random
from datetime import date
from math import gcd

from faker import Faker

from liaison.demo.people import PeopleMaker
from liaison.people.codes import NhsNumberStatus
from liaison.people.identifiers import nhs_number_check_digit
from liaison.people.models import Alias, Person

PREFIXES = 1_000_000  # 999 000 000 to 999 999 999: the first nine digits of the 999 range
VALID_NUMBERS = 909_091  # prefixes with a check digit (a test counts them)
# New people per episode in the simulation (about one episode in five meets someone again).
PEOPLE_PER_EPISODE = 0.82
# The share of the range a build may plan to use, leaving room for chance.
_HEADROOM = 0.95


def given_share(episodes: int, demo_share: float = PeopleMaker.given_share) -> float:
    """The share of people who give an NHS number in a build of `episodes`."""
    people = PEOPLE_PER_EPISODE * max(episodes, 1)
    return min(demo_share, _HEADROOM * VALID_NUMBERS / people)


class _Names:
    """Faker's names, drawn once into pools: asking Faker for each of a million people's names
    would take minutes. The pools are large enough that names still vary."""

    def __init__(self, fake: Faker, rng: random.Random, size: int = 2000) -> None:
        self.rng = rng
        self._female = [fake.first_name_female() for _ in range(size)]
        self._male = [fake.first_name_male() for _ in range(size)]
        self._family = [fake.last_name() for _ in range(size)]

    def first_name_female(self) -> str:
        return self.rng.choice(self._female)

    def first_name_male(self) -> str:
        return self.rng.choice(self._male)

    def last_name(self) -> str:
        return self.rng.choice(self._family)


class NationalPeople(PeopleMaker):
    """People met by one of the build's simulations (`stream`), whose NHS numbers come from the
    stretch `[first, last)` of the seed's order of prefixes."""

    def __init__(
        self, seed: int, *, stream: int = 0, first: int = 0, last: int | None = None, share: float = 0.78
    ) -> None:
        super().__init__(f"{seed}:{stream}" if stream else seed)
        rng = random.Random(f"{seed}:nhs numbers")
        self._step = next(s for s in iter(lambda: rng.randrange(1, PREFIXES), None) if gcd(s, PREFIXES) == 1)
        self._start = rng.randrange(PREFIXES)
        self._next, self._last = first, PREFIXES if last is None else min(last, PREFIXES)
        self.given_share = share
        self.verified_share = share * PeopleMaker.verified_share / PeopleMaker.given_share
        self.fake = _Names(self.fake, self.rng)  # type: ignore[assignment]

    def nhs_number(self) -> str:
        while self._next < self._last:
            first_nine = f"999{(self._start + self._step * self._next) % PREFIXES:06d}"
            self._next += 1
            check = nhs_number_check_digit(first_nine)
            if check is not None:
                return f"{first_nine}{check}"
        return ""

    def person(self, *, districts: tuple[str, ...], first_seen: date, child: bool) -> tuple[Person, list[Alias]]:
        person, aliases = super().person(districts=districts, first_seen=first_seen, child=child)
        if not person.nhs_number:
            person.nhs_number_status = NhsNumberStatus.NOT_GIVEN
        return person, aliases
