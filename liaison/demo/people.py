"""Synthetic people: fake names (Faker, en_GB), NHS numbers only from the never-issued 999 range,
PNC IDs and postcodes in valid formats. Nobody here is a real person.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from faker import Faker

from liaison.demo.casemix import Weighted, pick
from liaison.demo.rows import new
from liaison.people.codes import Ethnicity, GenderIdentity, NhsNumberStatus, Sex
from liaison.people.identifiers import nhs_number_check_digit, normalise_postcode, pnc_check_letter
from liaison.people.models import Alias, Person

# Roughly the custody population: mostly men, a broad mix of ethnic groups.
_SEX: Weighted[str] = ((Sex.MALE, 83), (Sex.FEMALE, 16), (Sex.INDETERMINATE, 0.2), (Sex.NOT_KNOWN, 0.8))
_ETHNICITY: Weighted[str] = (
    ("A", 70), ("B", 1), ("C", 5), ("D", 2), ("E", 1), ("F", 1), ("G", 1), ("H", 2), ("J", 3), ("K", 1),
    ("L", 1), ("M", 3), ("N", 3), ("P", 1), ("R", 0.3), ("S", 1.7), ("Z", 2), ("99", 2),
)  # fmt: skip
# Age at first contact for adults, by band, and for children (10-17), by year of age.
_ADULT_AGES: Weighted[tuple[int, int]] = (
    ((18, 24), 24),
    ((25, 34), 32),
    ((35, 44), 22),
    ((45, 54), 13),
    ((55, 64), 6),
    ((65, 80), 3),
)
_CHILD_AGES: Weighted[int] = ((10, 1), (11, 2), (12, 3), (13, 6), (14, 9), (15, 13), (16, 16), (17, 18))
# Inward codes never use C, I, K, M, O or V.
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _birthday(day: date, age: int) -> date:
    """The day `age` years before `day` (28 February for a 29 February): someone born up to a
    year before it is `age` on `day`. Counting 365 days a year instead made a few ten-year-olds
    nine, younger than anyone L&D sees and than any service in the directory takes."""
    try:
        return day.replace(year=day.year - age)
    except ValueError:
        return day.replace(year=day.year - age, day=28)


class PeopleMaker:
    """Makes unsaved Person rows; every random choice comes from the seed."""

    # Who gives an NHS number: half verified, a further 28% unverified (never issued, so not
    # traced), the rest none; `national` lowers both where the 999 range cannot hold as many.
    verified_share = 0.5
    given_share = 0.78

    def __init__(self, seed: int | str) -> None:
        self.rng = random.Random(f"{seed}:people")
        self.fake = Faker("en_GB")
        self.fake.seed_instance(f"{seed}:people")
        self._nhs_numbers: set[str] = set()

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def nhs_number(self) -> str:
        """A fresh number from 999 000 0000 to 999 999 9999 with a valid modulus-11 check digit."""
        while True:
            first_nine = f"999{self.rng.randrange(1_000_000):06d}"
            check = nhs_number_check_digit(first_nine)
            number = f"{first_nine}{check}"
            if check is not None and number not in self._nhs_numbers:
                self._nhs_numbers.add(number)
                return number

    def pnc_id(self, *, born: date, by: date) -> str:
        """A PNC ID from an arrest between the person's tenth birthday and `by`."""
        year = str(self.rng.randint(max(born.year + 10, 1995), by.year))
        serial = f"{self.rng.randrange(1, 1_000_000):07d}"
        return f"{year}/{serial}{pnc_check_letter(year, serial)}"

    def postcode(self, districts: tuple[str, ...]) -> str:
        inward = f"{self.rng.randrange(10)}{self.rng.choice(_INWARD_LETTERS)}{self.rng.choice(_INWARD_LETTERS)}"
        return normalise_postcode(f"{self.rng.choice(districts)} {inward}")

    def age(self, *, child: bool) -> int:
        if child:
            return pick(self.rng, _CHILD_AGES)
        low, high = pick(self.rng, _ADULT_AGES)
        return self.rng.randint(low, high)

    def person(self, *, districts: tuple[str, ...], first_seen: date, child: bool) -> tuple[Person, list[Alias]]:
        """A person first met on `first_seen`; the caller sets the scheme and who recorded them."""
        rng, fake = self.rng, self.fake
        sex = pick(rng, _SEX)
        female = sex == Sex.FEMALE or (sex != Sex.MALE and rng.random() < 0.5)
        given = fake.first_name_female() if female else fake.first_name_male()
        family = fake.last_name()
        age = self.age(child=child)
        born = _birthday(first_seen, age) - timedelta(days=rng.randrange(365))
        # A few give no date of birth at all (age band "Not known").
        date_of_birth = None if rng.random() < 0.01 and not child else born
        gender = {Sex.MALE: GenderIdentity.MALE, Sex.FEMALE: GenderIdentity.FEMALE}.get(
            Sex(sex), GenderIdentity.NOT_KNOWN
        )
        r = rng.random()
        if r < 0.01:
            gender = GenderIdentity.NON_BINARY
        elif r < 0.04:
            gender = GenderIdentity.NOT_STATED
        nhs, status = "", NhsNumberStatus.NOT_GIVEN
        r = rng.random()
        if r < self.verified_share:
            nhs, status = self.nhs_number(), NhsNumberStatus.VERIFIED
        elif r < self.given_share:
            nhs, status = self.nhs_number(), NhsNumberStatus.UNVERIFIED
        pnc = self.pnc_id(born=born, by=first_seen) if rng.random() < (0.35 if child else 0.7) else ""
        # No fixed abode, or not given: about one in eight.
        postcode = self.postcode(districts) if rng.random() < 0.88 else ""
        person = new(
            Person,
            id=self.uuid(),
            given_name=given,
            family_name=family,
            date_of_birth=date_of_birth,
            sex=sex,
            gender_identity=gender,
            ethnicity=Ethnicity(pick(rng, _ETHNICITY)),
            postcode=postcode,
            nhs_number=nhs,
            nhs_number_status=status,
            pnc_id=pnc,
        )
        aliases = []
        if rng.random() < 0.06:
            other = fake.first_name_female() if female else fake.first_name_male()
            aliases.append(
                new(Alias, person=person, given_name=other, family_name=rng.choice([family, fake.last_name()]))
            )
        return person, aliases


class StaffNames:
    """Names for staff accounts, from their own stream so people and staff vary independently."""

    def __init__(self, seed: int) -> None:
        self.fake = Faker("en_GB")
        self.fake.seed_instance(f"{seed}:staff")
        # The demo sign-ins are fixed; nobody else may take them.
        self._usernames: set[str] = {"practitioner", "teamlead", "commissioner", "analyst", "admin"}

    def name(self) -> tuple[str, str]:
        return self.fake.first_name(), self.fake.last_name()

    def username(self, first: str, last: str) -> str:
        base = f"{first[0]}{last}".lower().replace("'", "").replace(" ", "").replace("-", "")
        name, n = base, 1
        while name in self._usernames:
            n += 1
            name = f"{base}{n}"
        self._usernames.add(name)
        return name
