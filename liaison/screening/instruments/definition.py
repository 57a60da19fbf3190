"""A FHIR R4 Questionnaire read into the few shapes the forms, the API and the scorers need.

Only what L&D instruments use is supported: groups, display text (hints), yes/no, single and
multiple choice, and free text, with `enableWhen` on an earlier answer. A definition using
anything else is refused when it is loaded, never half-rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from liaison.core.fhir import validate_r4

BASE = "https://liaison.example.org/fhir"
QUESTIONNAIRE_BASE = f"{BASE}/Questionnaire/"
LICENCE_EXTENSION = f"{BASE}/StructureDefinition/instrument-licence"
# A group shown only for episodes in this age band (the children and young people's questions).
AGE_BAND_EXTENSION = f"{BASE}/StructureDefinition/age-band"
ANSWERABLE = frozenset({"boolean", "choice", "string", "text"})
SUPPORTED = ANSWERABLE | {"group", "display"}
# The longest free-text answer kept, whatever a definition says.
TEXT_LIMIT = 4000


class Licence:
    PUBLIC_DOMAIN = "public-domain"
    FREE_WITH_CONDITIONS = "free-with-conditions"
    LICENCE_REQUIRED = "licence-required"
    LABELS = {
        PUBLIC_DOMAIN: "Public domain",
        FREE_WITH_CONDITIONS: "Free to use, with conditions",
        LICENCE_REQUIRED: "Licence required",
    }


class DefinitionError(ValueError):
    """A Questionnaire this service cannot use; `problems` says every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Option:
    code: str
    display: str
    system: str


@dataclass(frozen=True)
class Condition:
    """`enableWhen`: this item is asked only when another answer is (or is not) a value."""

    question: str
    operator: str
    value: Any

    def holds(self, answer: Any) -> bool:
        if self.operator == "exists":
            return (answer is not None) == bool(self.value)
        if answer is None:
            return self.operator == "!="
        given = set(answer) if isinstance(answer, list) else {answer}
        return (self.value in given) == (self.operator == "=")


@dataclass(frozen=True)
class Item:
    link_id: str
    text: str
    type: str
    required: bool = False
    repeats: bool = False
    prefix: str = ""
    hint: str = ""
    max_length: int = TEXT_LIMIT
    options: tuple[Option, ...] = ()
    enable_when: tuple[Condition, ...] = ()
    enable_all: bool = True
    age_band: str = ""
    children: tuple[Item, ...] = ()
    parent_text: str = ""

    @property
    def answerable(self) -> bool:
        return self.type in ANSWERABLE

    @property
    def label(self) -> str:
        return f"{self.prefix} {self.text}".strip()

    @property
    def name(self) -> str:
        """How errors name the question: with its group where the question alone is too short."""
        if not self.prefix and self.parent_text:
            return f"{self.parent_text}: {self.text[:1].lower()}{self.text[1:]}"
        return self.label

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    def enabled(self, answers: dict[str, Any]) -> bool:
        if not self.enable_when:
            return True
        results = [c.holds(answers.get(c.question)) for c in self.enable_when]
        return all(results) if self.enable_all else any(results)


@dataclass(frozen=True)
class Definition:
    code: str
    url: str
    version: str
    title: str
    status: str
    licence: str
    notice: str
    description: str
    items: tuple[Item, ...]
    resource: dict[str, Any] = field(compare=False, repr=False)

    @property
    def canonical(self) -> str:
        return f"{self.url}|{self.version}"

    @property
    def licence_label(self) -> str:
        return Licence.LABELS.get(self.licence, self.licence)

    @property
    def has_items(self) -> bool:
        return any(True for _ in self.answerable())

    def walk(self, *, age_band: str | None = None) -> list[Item]:
        """Every item in form order; groups for another age band left out when one is given."""
        out: list[Item] = []

        def visit(items: tuple[Item, ...]) -> None:
            for it in items:
                if age_band is not None and it.age_band and it.age_band != age_band:
                    continue
                out.append(it)
                visit(it.children)

        visit(self.items)
        return out

    def answerable(self, *, age_band: str | None = None) -> list[Item]:
        return [it for it in self.walk(age_band=age_band) if it.answerable]

    def item(self, link_id: str) -> Item | None:
        return next((it for it in self.walk() if it.link_id == link_id), None)


def _extension(node: dict[str, Any], url: str, key: str) -> Any:
    for ext in node.get("extension") or []:
        if isinstance(ext, dict) and ext.get("url") == url:
            return ext.get(key)
    return None


def _hint(node: dict[str, Any]) -> str:
    """Help text is a display child item, as SDC forms carry it."""
    return " ".join(str(c.get("text", "")) for c in node.get("item") or [] if c.get("type") == "display").strip()


def _condition(raw: dict[str, Any]) -> Condition:
    value: Any = None
    for key in ("answerBoolean", "answerString", "answerCoding"):
        if key in raw:
            value = raw[key]["code"] if key == "answerCoding" else raw[key]
    if raw.get("operator") == "exists":
        value = bool(raw.get("answerBoolean"))
    return Condition(question=str(raw.get("question", "")), operator=str(raw.get("operator", "=")), value=value)


def _items(nodes: list[dict[str, Any]], problems: list[str], parent_text: str = "") -> tuple[Item, ...]:
    out = []
    for node in nodes:
        kind = str(node.get("type", ""))
        link_id = str(node.get("linkId", ""))
        if kind not in SUPPORTED:
            problems.append(f"Question {link_id or '?'} has type '{kind}', which this service does not support")
            continue
        if kind == "display":
            continue  # hints: read by the parent
        options = tuple(
            Option(str(c.get("code", "")), str(c.get("display") or c.get("code", "")), str(c.get("system", "")))
            for c in (o.get("valueCoding") for o in node.get("answerOption") or [])
            if isinstance(c, dict)
        )
        if kind == "choice" and (not options or any(not o.code for o in options)):
            problems.append(f"Question {link_id} is a choice but has no coded answer options (valueCoding)")
        if kind in ANSWERABLE and not str(node.get("text", "")).strip():
            problems.append(f"Question {link_id} has no text")
        text = str(node.get("text", ""))
        children = _items(node.get("item") or [], problems, text if kind == "group" else parent_text)
        out.append(
            Item(
                link_id=link_id,
                text=text,
                type=kind,
                required=bool(node.get("required")),
                repeats=bool(node.get("repeats")) and kind == "choice",
                prefix=str(node.get("prefix", "")),
                hint=_hint(node),
                max_length=min(int(node.get("maxLength") or TEXT_LIMIT), TEXT_LIMIT),
                options=options,
                enable_when=tuple(_condition(c) for c in node.get("enableWhen") or []),
                enable_all=node.get("enableBehavior", "all") == "all",
                age_band=str(_extension(node, AGE_BAND_EXTENSION, "valueString") or ""),
                children=children if kind == "group" else (),
                parent_text=parent_text,
            )
        )
    return tuple(out)


def parse(resource: Any, *, code: str | None = None) -> Definition:
    """Read and check a Questionnaire; `code`, when given, is the instrument it must define."""
    if not isinstance(resource, dict) or resource.get("resourceType") != "Questionnaire":
        raise DefinitionError(["This is not a FHIR Questionnaire (resourceType must be 'Questionnaire')"])
    try:
        validate_r4(resource)
    except (ValidationError, ValueError, TypeError) as e:
        first = str(e).splitlines()[:3]
        raise DefinitionError([f"It is not a valid FHIR R4 Questionnaire: {' '.join(first)}"]) from None
    problems: list[str] = []
    url = str(resource.get("url", ""))
    found = url.removeprefix(QUESTIONNAIRE_BASE) if url.startswith(QUESTIONNAIRE_BASE) else ""
    if not found:
        problems.append(f"Its url must be {QUESTIONNAIRE_BASE}<instrument code>")
    elif code is not None and found != code:
        problems.append(f"Its url names the instrument '{found}', not '{code}'")
    for key in ("version", "title", "status"):
        if not str(resource.get(key, "")).strip():
            problems.append(f"It has no {key}")
    items = _items(resource.get("item") or [], problems)
    licence = _extension(resource, LICENCE_EXTENSION, "valueCode") or Licence.LICENCE_REQUIRED
    definition = Definition(
        code=found,
        url=url,
        version=str(resource.get("version", "")),
        title=str(resource.get("title", "")),
        status=str(resource.get("status", "")),
        licence=str(licence),
        notice=str(resource.get("copyright", "")),
        description=str(resource.get("description", "")),
        items=items,
        resource=resource,
    )
    _check_links(definition, problems)
    if problems:
        raise DefinitionError(problems)
    return definition


def _check_links(definition: Definition, problems: list[str]) -> None:
    seen: set[str] = set()
    names: set[str] = set()
    for it in definition.walk():
        if not it.link_id:
            problems.append("Every item needs a linkId")
        elif it.link_id in seen:
            problems.append(f"linkId {it.link_id} is used more than once")
        seen.add(it.link_id)
        name = field_name(it.link_id)
        if it.answerable and name in names:
            problems.append(f"linkId {it.link_id} clashes with another once made a form field name")
        names.add(name)
    for it in definition.walk():
        for c in it.enable_when:
            if c.question not in seen:
                problems.append(f"Question {it.link_id} depends on {c.question}, which does not exist")


def field_name(link_id: str) -> str:
    """A form field name for a linkId (which may hold dots and other characters)."""
    return "q_" + re.sub(r"[^A-Za-z0-9_]", "_", link_id)
