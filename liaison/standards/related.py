"""What other apps link to a criterion (the governance app's guidance library), without the
standards app importing them: they sit above it in the layers and hand it a lookup when they
start (`AppConfig.ready`). With no provider, a criterion simply shows nothing related."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Related:
    """A link shown beside a criterion: e.g. a guidance document that supports it."""

    title: str
    url: str
    note: str = ""


# framework code, criterion codes -> criterion code -> what is linked to it
Provider = Callable[[str, Iterable[str]], dict[str, list[Related]]]

_providers: dict[str, Provider] = {}


def provide(name: str, provider: Provider) -> None:
    """Register (or replace) the lookup `name`; called once per app at start-up."""
    _providers[name] = provider


def related_to(framework_code: str, codes: Iterable[str]) -> dict[str, list[Related]]:
    """Everything linked to each of the criteria, from every provider (codes without links absent)."""
    wanted = list(codes)
    out: dict[str, list[Related]] = {}
    for name in sorted(_providers):
        for code, links in _providers[name](framework_code, wanted).items():
            out.setdefault(code, []).extend(links)
    return out
