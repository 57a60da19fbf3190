"""Long lists a page at a time: the page asked for, and the NHS.UK pagination component's links.

A list is counted first (one query), the page asked for is brought within the pages there are,
and only that page's rows are read: the cost of a page never grows with the length of the list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

PER_PAGE = 50
# Beyond any real list; keeps an absurd ?page= from reaching the database as an offset.
_MOST_PAGES = 1_000_000


def page_asked(raw: object) -> int:
    """The page a query string asks for: anything but a whole number from 1 is the first page."""
    text = str(raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 7:
        return 1
    return min(max(int(text), 1), _MOST_PAGES)


@dataclass(frozen=True)
class Paging:
    """Where a page sits in a list of `count` rows."""

    count: int
    number: int
    per_page: int = PER_PAGE

    @classmethod
    def of(cls, *, count: int, asked: int, per_page: int = PER_PAGE) -> Paging:
        """The page asked for, or the last page when the list has fewer."""
        pages = max(1, -(-count // per_page))
        return cls(count=count, number=min(max(asked, 1), pages), per_page=per_page)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def first_shown(self) -> int:
        return self.offset + 1 if self.count else 0

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.per_page, self.count)

    def window(self) -> list[int | None]:
        """The page numbers to link: the first, the last, this one and its neighbours; None
        where pages are left out (the component's ellipsis)."""
        wanted = sorted({1, self.pages, self.number - 1, self.number, self.number + 1} & set(range(1, self.pages + 1)))
        shown: list[int | None] = []
        for n in wanted:
            if shown and n - (shown[-1] or 0) > 1:
                shown.append(None)
            shown.append(n)
        return shown


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the ellipsis
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """What `nhsuk/pagination.html` renders: nothing when everything fits on one page."""

    paging: Paging
    previous: str
    next: str
    items: list[PageLink]

    @property
    def needed(self) -> bool:
        return self.paging.pages > 1


def href(params: Mapping[str, str], number: int, *, anchor: str = "", key: str = "page") -> str:
    """The same list (the filters and sort in `params`) at page `number`; the first page has no
    number, so its address is the list's own. `key` names the page in the query string, for a
    page holding a list that is not its main one."""
    query = {k: v for k, v in params.items() if k != key and v not in ("", None)}
    if number > 1:
        query[key] = str(number)
    return ("?" + urlencode(query) if query else "?") + (f"#{anchor}" if anchor else "")


def pagination(paging: Paging, params: Mapping[str, str], *, anchor: str = "", key: str = "page") -> Pagination:
    """Links to the other pages of the list, keeping its filters and sort (`params`)."""

    def to(n: int) -> str:
        return href(params, n, anchor=anchor, key=key)

    items = [PageLink(None) if n is None else PageLink(n, to(n), n == paging.number) for n in paging.window()]
    return Pagination(
        paging=paging,
        previous=to(paging.number - 1) if paging.number > 1 else "",
        next=to(paging.number + 1) if paging.number < paging.pages else "",
        items=items,
    )


def in_key_order(rows: QuerySet[M, Any], batch: int) -> Iterator[list[M]]:
    """Every row of `rows` in lists of `batch`, by primary key: each list one indexed range after
    the last key read (an OFFSET would read and throw away every row before it, so a rebuild of a
    million people grew with the square of the register)."""
    after = None
    ordered = rows.order_by("pk")
    while True:
        chunk = list((ordered.filter(pk__gt=after) if after is not None else ordered)[:batch])
        if not chunk:
            return
        yield chunk
        after = chunk[-1].pk
