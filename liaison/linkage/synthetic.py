"""A labelled synthetic set for training and measuring the model: people, and the records L&D
would make of them, with the noise real records carry.

Each person is drawn with names of one origin (Faker's locales, and short lists where Faker has
no Latin-script names), a date of birth, sex, a postcode and identifiers from the synthetic
ranges (NHS numbers from 999). Each record of them may then have: a typo in either name, a
nickname or another spelling of the given name, the names given the other way round, day and
month swapped or one digit wrong in the date of birth, a move, and missing NHS number, PNC ID,
postcode or sex. One person in a hundred has a twin (same family name, date of birth, postcode;
another person). Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from faker import Faker

from liaison.linkage.names import NICKNAMES
from liaison.people.identifiers import nhs_number_check_digit, pnc_check_letter


@dataclass(frozen=True)
class Origin:
    name: str
    locales: tuple[str, ...]
    # Ethnic categories (NHS Data Dictionary letters) people of these names most often give.
    ethnicities: tuple[str, ...]
    weight: float


ORIGINS = (
    Origin("English", ("en_GB",), ("A", "A", "A", "M", "D"), 0.62),
    Origin("Irish", ("ga_IE",), ("B",), 0.04),
    Origin("Eastern European", ("pl_PL", "ro_RO"), ("C",), 0.08),
    Origin("South Asian", ("en_IN", "en_PK"), ("H", "J", "K"), 0.1),
    Origin("West African", ("yo_NG", "ig_NG"), ("N",), 0.06),
    Origin("East African", ("en_KE",), ("N", "P"), 0.03),
    Origin("Arabic", (), ("S", "N"), 0.04),
    Origin("Chinese", (), ("R",), 0.03),
)

_ARABIC_GIVEN_M = [
    "Muhammad",
    "Ahmed",
    "Ali",
    "Omar",
    "Yusuf",
    "Ibrahim",
    "Hassan",
    "Hussein",
    "Abdullah",
    "Khalid",
    "Mustafa",
    "Abdi",
    "Mahad",
    "Faisal",
    "Tariq",
    "Karim",
    "Samir",
    "Nabil",
]
_ARABIC_GIVEN_F = [
    "Fatima",
    "Aisha",
    "Maryam",
    "Amina",
    "Hodan",
    "Layla",
    "Zainab",
    "Sara",
    "Noor",
    "Hana",
    "Yasmin",
    "Khadija",
    "Asha",
    "Safiya",
]
_ARABIC_FAMILY = [
    "Ali",
    "Hassan",
    "Mohamed",
    "Ahmed",
    "Abdi",
    "Farah",
    "Osman",
    "Hussein",
    "Ibrahim",
    "Yusuf",
    "Warsame",
    "Jama",
    "Omar",
    "Aden",
    "Khalil",
    "Haddad",
    "Nasser",
    "Saleh",
    "Mansour",
]
_CHINESE_GIVEN_M = ["Wei", "Jun", "Hao", "Lei", "Jian", "Ming", "Tao", "Yang", "Bo", "Chen", "Zhi", "Kai"]
_CHINESE_GIVEN_F = ["Li", "Mei", "Xin", "Ying", "Jing", "Hui", "Yan", "Lan", "Na", "Fang", "Xiu", "Ling"]
_CHINESE_FAMILY = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "Lin",
    "He",
    "Gao",
    "Luo",
]

_AREAS = [
    "B",
    "M",
    "LS",
    "L",
    "S",
    "NE",
    "BS",
    "CF",
    "NG",
    "LE",
    "SW",
    "E",
    "N",
    "SE",
    "W",
    "BD",
    "HU",
    "PL",
    "EX",
    "OX",
    "CV",
    "ST",
    "WV",
    "DN",
    "HD",
    "WF",
    "BN",
    "PO",
    "SO",
    "RG",
]
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@cache
def _pools(origin: Origin) -> tuple[list[str], list[str], list[str]]:
    """Given names (male, female) and family names, as often as Faker draws them."""
    if origin.name == "Arabic":
        return _ARABIC_GIVEN_M, _ARABIC_GIVEN_F, _ARABIC_FAMILY
    if origin.name == "Chinese":
        return _CHINESE_GIVEN_M, _CHINESE_GIVEN_F, _CHINESE_FAMILY
    male: list[str] = []
    female: list[str] = []
    family: list[str] = []
    for locale in origin.locales:
        fake = Faker(locale)
        fake.seed_instance(17)
        male += [fake.first_name_male() for _ in range(1500)]
        female += [fake.first_name_female() for _ in range(1500)]
        family += [fake.last_name() for _ in range(3000)]
    return male, female, family


@dataclass
class TruePerson:
    key: str
    given_name: str
    family_name: str
    date_of_birth: date
    sex: str
    postcode: str
    nhs_number: str
    pnc_id: str
    origin: str
    ethnicity: str


COLUMNS = (
    "record_id",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "postcode",
    "nhs_number",
    "pnc_id",
    "person_key",
    "name_origin",
    "ethnicity",
)


def _postcode(rng: random.Random, district: str | None = None) -> str:
    outward = district or f"{rng.choice(_AREAS)}{rng.randint(1, 30)}"
    return f"{outward} {rng.randint(0, 9)}{rng.choice(_UNIT_LETTERS)}{rng.choice(_UNIT_LETTERS)}"


def _nhs_number(rng: random.Random) -> str:
    while True:
        nine = "999" + "".join(rng.choice("0123456789") for _ in range(6))
        check = nhs_number_check_digit(nine)
        if check is not None:
            return nine + str(check)


def _pnc_id(rng: random.Random) -> str:
    year, serial = str(rng.randint(2000, 2025)), str(rng.randint(1, 999_999)).zfill(7)
    return f"{year}/{serial}{pnc_check_letter(year, serial)}"


def _person(rng: random.Random, key: str) -> TruePerson:
    origin = rng.choices(ORIGINS, weights=[o.weight for o in ORIGINS])[0]
    male, female, family = _pools(origin)
    sex = rng.choice("12")
    born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 58))
    return TruePerson(
        key=key,
        given_name=rng.choice(male if sex == "1" else female),
        family_name=rng.choice(family),
        date_of_birth=born,
        sex=sex,
        postcode=_postcode(rng),
        nhs_number=_nhs_number(rng),
        pnc_id=_pnc_id(rng) if rng.random() < 0.6 else "",
        origin=origin.name,
        ethnicity=rng.choice(origin.ethnicities),
    )


def _twin(rng: random.Random, of: TruePerson, key: str) -> TruePerson:
    origin = next(o for o in ORIGINS if o.name == of.origin)
    male, female, _ = _pools(origin)
    sex = rng.choice("12")
    given = of.given_name
    while given == of.given_name:
        given = rng.choice(male if sex == "1" else female)
    return TruePerson(
        key, given, of.family_name, of.date_of_birth, sex, of.postcode, _nhs_number(rng), "", of.origin, of.ethnicity
    )


def typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.random()
    if kind < 0.3:
        return text[:i] + text[i + 1 :]
    if kind < 0.6:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind < 0.85:
        return text[:i] + rng.choice("aeiourstnl") + text[i + 1 :]
    return text[:i] + rng.choice("aeiourstnl") + text[i:]


def _nickname(rng: random.Random, given: str) -> str:
    canon = NICKNAMES.get(given.upper())
    if canon is None:
        return given
    others = [n for n, c in NICKNAMES.items() if c == canon and n != given.upper()]
    return rng.choice(others).title() if others else given


def _dob_noise(rng: random.Random, born: date) -> str:
    text = born.isoformat()
    roll = rng.random()
    if roll < 0.5 and born.day <= 12 and born.day != born.month:
        return f"{born.year}-{born.day:02d}-{born.month:02d}"
    for _ in range(10):
        i = rng.choice([2, 3, 5, 6, 8, 9])
        candidate = text[:i] + rng.choice("0123456789") + text[i + 1 :]
        try:
            if candidate != text and date.fromisoformat(candidate):
                return candidate
        except ValueError:
            continue
    return text


def _record(rng: random.Random, p: TruePerson, record_id: str, noisy: bool) -> dict[str, str]:
    given, family, dob, postcode = p.given_name, p.family_name, p.date_of_birth.isoformat(), p.postcode
    if noisy:
        if rng.random() < 0.1:
            given = _nickname(rng, given)
        if rng.random() < 0.08:
            given = typo(rng, given)
        if rng.random() < 0.08:
            family = typo(rng, family)
        if rng.random() < 0.03:
            given, family = family, given
        if rng.random() < 0.05:
            dob = _dob_noise(rng, p.date_of_birth)
        if rng.random() < 0.2:
            postcode = _postcode(rng, postcode.split()[0] if rng.random() < 0.5 else None)
    nhs, pnc, sex = p.nhs_number, p.pnc_id, p.sex
    if noisy:
        # Identifiers are sometimes mis-recorded: another person's number, the other sex.
        if rng.random() < 0.01:
            nhs = _nhs_number(rng)
        if pnc and rng.random() < 0.01:
            pnc = _pnc_id(rng)
        if rng.random() < 0.01:
            sex = "2" if sex == "1" else "1"
    return {
        "record_id": record_id,
        "given_name": given,
        "family_name": family,
        "date_of_birth": "" if rng.random() < 0.02 else dob,
        "sex": "" if rng.random() < 0.1 else sex,
        "postcode": "" if rng.random() < 0.15 else postcode,
        "nhs_number": nhs if rng.random() < 0.5 else "",
        "pnc_id": pnc if rng.random() < 0.5 else "",
        "person_key": p.key,
        "name_origin": p.origin,
        "ethnicity": p.ethnicity,
    }


def labelled_records(n_records: int, *, seed: int = 0) -> list[dict[str, str]]:
    """About `n_records` records of fewer people, each with its true `person_key`."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    n = 0
    while len(rows) < n_records:
        n += 1
        person = _person(rng, f"P{n}")
        people = [person]
        if rng.random() < 0.01:
            n += 1
            people.append(_twin(rng, person, f"P{n}"))
        for who in people:
            copies = rng.choices((1, 2, 3, 4, 5), weights=(55, 25, 12, 5, 3))[0]
            for c in range(copies):
                rows.append(_record(rng, who, f"R{len(rows) + 1}", noisy=c > 0 or rng.random() < 0.3))
    return rows[:n_records]
