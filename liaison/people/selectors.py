"""Reading people: always scoped to the user's schemes, always audited."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.actions import access_record
from liaison.audit.models import AccessAction, BreakGlass
from liaison.audit.selectors import LogPage, access_log_page
from liaison.core import clock
from liaison.core.errors import Invalid, NotFound, PermissionDenied, Throttled
from liaison.organisations.models import Scheme
from liaison.people import names
from liaison.people.codes import Ethnicity, GenderIdentity, IdentifierSystem, NhsNumberStatus, Sex
from liaison.people.events import CHANGE
from liaison.people.identifiers import normalise_pnc_id
from liaison.people.models import Person


def visible_people(user: User) -> QuerySet[Person]:
    """People the user may open: registered by or seen in one of their schemes, or broken glass
    to; and a record that absorbed one of those (a merge must not hide a scheme's own person)."""
    scope = scope_for(user)
    if not scope.is_clinical:
        return Person.objects.none()
    glass = BreakGlass.objects.filter(user=user, expires_at__gt=clock.now()).values("person_id")
    return Person.objects.filter(
        Q(registered_by_scheme_id__in=scope.clinical_scheme_ids)
        | Q(episodes__scheme_id__in=scope.clinical_scheme_ids)
        | Q(id__in=glass)
        | Q(absorbed__registered_by_scheme_id__in=scope.clinical_scheme_ids)
    ).distinct()


def _as_uuid(value: object) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise NotFound("No such person") from None


def person_get(*, user: User, person_id: object, what: str = "person page", channel: str = "web") -> Person:
    """The person, if the user may see them; 404 otherwise, so existence is not revealed."""
    pid = _as_uuid(person_id)
    person = visible_people(user).filter(id=pid).first()
    if person is None:
        raise NotFound("No such person")
    access_record(user=user, action=AccessAction.VIEW, what=what, shown=[person], channel=channel)
    return person


def person_known_elsewhere(*, user: User, person_id: object, channel: str = "web") -> tuple[Person, list[Scheme]]:
    """For break glass: a person the user cannot see, and the schemes that hold them. Nothing
    beyond the name is shown until a reason is given, and the name is audited as just that, so
    the holding scheme's team lead sees who came to its door as well as who went in."""
    pid = _as_uuid(person_id)
    scope = scope_for(user)
    if not scope.is_clinical:
        raise NotFound("No such person")
    person = Person.objects.filter(id=pid).first()
    if person is None:
        raise NotFound("No such person")
    schemes = list(
        Scheme.objects.filter(Q(episodes__person=person) | Q(registered_people=person))
        .exclude(id__in=scope.clinical_scheme_ids)
        .distinct()
    )
    if not schemes:
        raise NotFound("No such person")
    access_record(user=user, action=AccessAction.NAME_ONLY, what="break-glass page", shown=[person], channel=channel)
    return person, schemes


@dataclass(frozen=True)
class KnownElsewhere:
    """Just enough to avoid opening a duplicate record: never clinical content."""

    person_id: uuid.UUID
    name: str
    date_of_birth: date | None
    schemes: tuple[str, ...]


@dataclass(frozen=True)
class SearchResults:
    mine: list[Person]
    elsewhere: list[KnownElsewhere]
    # More people match than a page lists: the page asks for more details to narrow the search.
    more: bool = False

    @property
    def empty(self) -> bool:
        return not self.mine and not self.elsewhere


_DIGITS = re.compile(r"\D")


def _pnc_matches(terms: str) -> Q:
    """PNC IDs are stored with the serial padded to 7 digits and the year as given (2 or 4
    digits), so match on the two-digit year, serial and check letter."""
    try:
        normal = normalise_pnc_id(terms)
    except ValueError:
        return Q(pnc_id__iexact=terms.replace(" ", "").upper())
    year, rest = normal.split("/")
    return Q(pnc_id__endswith=f"{year[-2:]}/{rest}")


def _by_identifier(terms: str) -> bool:
    """An NHS number or a PNC ID: an exact match, not a name."""
    return len(_DIGITS.sub("", terms)) == 10 or "/" in terms


def _name_search_allowed(*, user: User, terms: str) -> None:
    """Names need SEARCH_MIN_CHARACTERS, and a user may search by name only so often an hour:
    trawling the register by letters is what these stop (ADR 0021)."""
    if len(terms.replace(" ", "")) < settings.SEARCH_MIN_CHARACTERS:
        n = settings.SEARCH_MIN_CHARACTERS
        raise Invalid(
            f"Enter at least {n} characters of the name",
            errors={"q": f"Enter at least {n} characters of the name, or an NHS number or PNC ID"},
            code="query_too_short",
        )
    now = clock.now()
    key = f"person-search:{user.pk}:{now:%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > settings.SEARCH_NAME_LIMIT_PER_HOUR:
        wait = 3600 - (now.minute * 60 + now.second)
        raise Throttled(
            f"You have searched by name {settings.SEARCH_NAME_LIMIT_PER_HOUR} times this hour. Search by NHS "
            f"number or PNC ID, or try again in {wait // 60 + 1} minutes.",
            retry_after=wait,
        )


def _close_match(person: Person, terms: str, date_of_birth: date | None) -> bool:
    """Another scheme's person is shown only on an identifier, or their full name and date of
    birth together: enough to avoid a duplicate, never a list of strangers."""
    if _by_identifier(terms):
        return True
    if date_of_birth is None or person.date_of_birth != date_of_birth:
        return False
    typed = " ".join(terms.casefold().split())
    given, family = person.given_name.casefold().strip(), person.family_name.casefold().strip()
    return typed in {f"{given} {family}", f"{family} {given}", f"{family}, {given}"}


# The most people one name search reads before it orders them into a page: a name as common as
# "Powell" begins some 5,000 at national scale, which no page lists; the page then says that
# more match and asks for a first name or a date of birth (`SearchResults.more`).
_CANDIDATES = 200


def _by_name(people: QuerySet[Person], terms: str, date_of_birth: date | None) -> tuple[QuerySet[Person], bool]:
    """People each of whose words begins one of their names or aliases (a range of the name
    keys' index each: people.names), and whether more matched than were read. Driven by the date
    of birth where given (its index holds some tens of people a day), else by the word that
    begins the fewest names, read in index order up to `_CANDIDATES`; the other words are
    checked per person through the (person, key) index."""
    words = terms.split()[:4]

    def begins(word: str) -> Exists:
        return Exists(names.beginning(word).filter(person_id=OuterRef("pk")))

    if date_of_birth:  # narrowed by the date of birth in `_matching`
        return people.filter(*(begins(word) for word in words)), False
    sizes = [names.beginning(word).order_by()[: _CANDIDATES + 1].count() for word in words]
    rarest = sizes.index(min(sizes))
    ids = names.beginning(words[rarest]).order_by("key", "id").values_list("person_id", flat=True)[:_CANDIDATES]
    others = [begins(word) for i, word in enumerate(words) if i != rarest]
    return people.filter(*others, pk__in=list(ids)), min(sizes) > _CANDIDATES


def _matching(query: str, date_of_birth: date | None) -> tuple[QuerySet[Person], bool]:
    """Who the search finds, as a query by primary key, and whether more match than it holds."""
    people, more = Person.objects.all(), False
    terms = query.strip()
    digits = _DIGITS.sub("", terms)
    if len(digits) == 10:
        people = people.filter(nhs_number=digits)
    elif "/" in terms:
        people = people.filter(_pnc_matches(terms))
    elif terms:
        people, more = _by_name(people, terms, date_of_birth)
    if date_of_birth:
        people = people.filter(date_of_birth=date_of_birth)
    # A record merged into another is found by its own details, and shown as the one kept. The
    # ids first, so that the page's query is by primary key (an OR of the two would read the
    # register whole on PostgreSQL).
    found = people.order_by("family_name", "given_name", "pk").values_list("pk", "merged_into")[: _CANDIDATES + 1]
    ids = [kept or pk for pk, kept in found]
    return Person.objects.filter(pk__in=ids), more or len(ids) > _CANDIDATES


def schemes_holding(people: list[Person]) -> dict[uuid.UUID, set[str]]:
    """The names of the schemes that hold each person: the one that registered them and every one
    with an episode (as person_known_elsewhere counts them). Needs `registered_by_scheme` loaded."""
    holders: dict[uuid.UUID, set[str]] = {p.id: {p.registered_by_scheme.name} for p in people}
    # Through the reverse relation, so people need not import the pathway above it.
    for person_id, name in (
        Person.objects.filter(pk__in=list(holders), episodes__isnull=False)
        .values_list("pk", "episodes__scheme__name")
        .distinct()
    ):
        holders[person_id].add(name)
    return holders


def person_search(
    *, user: User, query: str, date_of_birth: date | None = None, limit: int = 25, channel: str = "web"
) -> SearchResults:
    """Search at identification. People elsewhere come back with minimal identity only."""
    scope = scope_for(user)
    if not scope.is_clinical:
        raise PermissionDenied("Your role cannot search for people", code="role_not_allowed")
    if not query.strip() and date_of_birth is None:
        return SearchResults(mine=[], elsewhere=[])
    if query.strip() and not _by_identifier(query.strip()):
        _name_search_allowed(user=user, terms=query.strip())
    matching, more = _matching(query, date_of_birth)
    found = list(matching.select_related("registered_by_scheme").order_by("family_name", "given_name")[: limit * 2 + 1])
    more, found = more or len(found) > limit * 2, found[: limit * 2]
    visible_ids = set(visible_people(user).filter(id__in=[p.id for p in found]).values_list("id", flat=True))
    mine = [p for p in found if p.id in visible_ids][:limit]
    others = [p for p in found if p.id not in visible_ids and _close_match(p, query.strip(), date_of_birth)][:limit]
    holders = schemes_holding(others)
    elsewhere = [KnownElsewhere(p.id, p.full_name, p.date_of_birth, tuple(sorted(holders[p.id]))) for p in others]
    what = f"search: {query.strip()[:80]}" + (f" born {date_of_birth:%Y-%m-%d}" if date_of_birth else "")
    access_record(user=user, action=AccessAction.SEARCH, what=what, shown=[*mine, *others], channel=channel)
    return SearchResults(mine=mine, elsewhere=elsewhere, more=more)


def _may_see_access_log(user: User, person: Person) -> bool:
    holding = set(person.episodes.values_list("scheme_id", flat=True)) | {person.registered_by_scheme_id}
    return bool(holding & scope_for(user).oversight_scheme_ids)


def person_access_log(*, user: User, person: Person, page: int = 1, per_page: int = 25) -> LogPage:
    """A page of who has looked at this record: for team leads and scheme managers of a scheme
    that holds it."""
    if not _may_see_access_log(user, person):
        raise PermissionDenied("Only team leads can see who has looked at this record", code="role_not_allowed")
    return access_log_page(person=person, page=page, per_page=per_page)


def can_see_access_log(*, user: User, person: Person) -> bool:
    return _may_see_access_log(user, person)


@dataclass(frozen=True)
class Correction:
    """One `person:change` as the person page shows it: what each field was and became, and why."""

    at: object
    by: str
    reason: str
    changes: list[tuple[str, str, str]]


# How the history names each corrected field, and shows a coded value.
_FIELD_LABELS = {
    "given_name": "First name",
    "family_name": "Last name",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "gender_identity": "Gender identity",
    "ethnicity": "Ethnicity",
    "postcode": "Postcode",
    "nhs_number": "NHS number",
    "nhs_number_status": "NHS number status",
    "pnc_id": "PNC ID",
    "aliases": "Aliases added",
    "local_identifiers": "Local identifiers added",
}
_CODED = {
    "sex": Sex,
    "gender_identity": GenderIdentity,
    "ethnicity": Ethnicity,
    "nhs_number_status": NhsNumberStatus,
}


def _shown(field: str, value: object) -> str:
    if value in (None, "", []):
        return "Not recorded" if field not in {"aliases", "local_identifiers"} else ""
    if field in _CODED:
        codes = _CODED[field]
        return str(dict(codes.choices).get(str(value), value))
    if field == "date_of_birth":
        return date.fromisoformat(str(value)).strftime("%-d %B %Y")
    if field == "local_identifiers" and isinstance(value, list):
        systems = dict(IdentifierSystem.choices)
        return ", ".join(f"{systems.get(s, s)} {v}" for s, v in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def person_corrections(*, person: Person) -> list[Correction]:
    """The person's corrections, most recent first. The caller has opened the person through
    `person_get` (scoped and audited); these are the same record's own history."""
    events = person.events.filter(kind=CHANGE.tag).select_related("actor").order_by("-occurred_at", "-id")
    return [
        Correction(
            at=e.occurred_at,
            by=str(e.actor),
            reason=str(e.data.get("reason", "")),
            changes=[
                (_FIELD_LABELS.get(name, name), _shown(name, old), _shown(name, new))
                for name, (old, new) in e.data.get("changes", {}).items()
            ],
        )
        for e in events
    ]
