"""Answers to the bundled instruments, as the API and the action take them."""

from __future__ import annotations

from typing import Any

from liaison.core.vocabulary import Vulnerability


def phq9(*points: int) -> dict[str, Any]:
    """PHQ-9 with the nine item scores given (default all 0)."""
    values = list(points) or [0] * 9
    return {str(n): str(p) for n, p in enumerate(values, 1)}


def gad7(*points: int) -> dict[str, Any]:
    values = list(points) or [0] * 7
    return {str(n): str(p) for n, p in enumerate(values, 1)}


def audit(*points: int) -> dict[str, Any]:
    values = list(points) or [0] * 10
    return {str(n): str(p) for n, p in enumerate(values, 1)}


def yes_no(link_ids: tuple[str, ...], yes: set[str]) -> dict[str, Any]:
    return {k: k in yes for k in link_ids}


def dast10(yes: set[str] = frozenset({"3"})) -> dict[str, Any]:  # type: ignore[assignment]
    """Default: no drug use at all (question 3, 'always able to stop', answered yes)."""
    return yes_no(tuple(str(n) for n in range(1, 11)), set(yes))


def bjmhs(yes: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    return yes_no(tuple(str(n) for n in range(1, 10)), set(yes))


def helps(yes: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    return yes_no(("H", "E", "L", "P", "S"), set(yes))


def ld_core(concerns: dict[str, str] | None = None, *, young: bool = False, **extra: Any) -> dict[str, Any]:
    """The core screen: `concerns` maps a domain to its status; every other domain is 'no concern'."""
    concerns = concerns or {}
    out: dict[str, Any] = {}
    for d in Vulnerability:
        out[f"domain.{d.value}.concern"] = d.value in concerns
        if d.value in concerns:
            out[f"domain.{d.value}.status"] = concerns[d.value]
    out.update({"risk.self": "None seen", "risk.others": "None seen", "risk.from_others": "None seen"})
    out["urgency"] = "same_day"
    if young:
        out.update({"cyp.guardian": True, "cyp.safeguarding": False, "cyp.yot": False})
    out.update(extra)
    return out
