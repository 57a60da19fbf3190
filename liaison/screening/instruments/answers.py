"""Answers checked against a Questionnaire, and the FHIR QuestionnaireResponse they make.

One checker for the pages and the API: it lists every bad linkId at once (missing, unknown or
invalid), so the error summary and the 422 both name them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from liaison.core.errors import Invalid
from liaison.core.fhir import validate_r4
from liaison.screening.instruments.definition import Definition, Item

Answer = str | bool | list[str]


def _storable(text: str) -> bool:
    # PostgreSQL refuses NUL in JSON; lone surrogates cannot be encoded.
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _parse(item: Item, value: Any) -> tuple[Answer | None, str | None]:
    """The answer in its stored type, or None for a blank one; or an error message."""
    if value is None or value == "" or value == []:
        return None, None
    if item.type == "boolean":
        if isinstance(value, bool):
            return value, None
        return None, f"Answer yes or no (true or false): {item.name}"
    if item.type == "choice":
        values = value if item.repeats and isinstance(value, list) else [value]
        codes = []
        for v in values:
            # A number is taken as its code ("2"), but never a boolean (True is not "1").
            if isinstance(v, int) and not isinstance(v, bool):
                v = str(v)
            if not isinstance(v, str) or v not in item.codes:
                return None, f"Select one of the answers given: {item.name}"
            if v not in codes:
                codes.append(v)
        return (codes if item.repeats else codes[0]), None
    if not isinstance(value, str) or not _storable(value):
        return None, f"Enter the answer as text: {item.name}"
    text = value.strip()
    if len(text) > item.max_length:
        return None, f"{item.name} must be {item.max_length:,} characters or fewer"
    return (text or None), None


def _missing(item: Item) -> str:
    if item.type == "boolean":
        return f"Select yes or no: {item.name}"
    if item.type == "choice":
        return f"Select an answer: {item.name}"
    return f"Enter an answer: {item.name}"


def check_answers(definition: Definition, answers: Mapping[str, Any], *, age_band: str) -> dict[str, Answer]:
    """The answers to keep, by linkId; raises Invalid naming every missing, unknown or invalid one.

    Answers to questions not asked (their enableWhen is not met) are dropped: without JavaScript a
    form still sends a choice made before its condition changed.
    """
    if not isinstance(answers, Mapping):
        raise Invalid("Give the answers as an object of linkId to answer", errors={"answers": "Expected an object"})
    asked = {it.link_id: it for it in definition.answerable(age_band=age_band)}
    errors: dict[str, str] = {}
    given: dict[str, Answer] = {}
    for link_id, value in answers.items():
        item = asked.get(str(link_id))
        if item is None:
            errors[str(link_id)[:100]] = f"There is no question {str(link_id)[:100]!r} in {definition.title} here"
            continue
        parsed, problem = _parse(item, value)
        if problem:
            errors[item.link_id] = problem
        elif parsed is not None:
            given[item.link_id] = parsed
    kept: dict[str, Answer] = {}
    for link_id, item in asked.items():
        if not item.enabled(given):
            continue
        if link_id in given:
            kept[link_id] = given[link_id]
        elif item.required and link_id not in errors:
            errors[link_id] = _missing(item)
    if errors:
        raise Invalid(f"There is a problem with the answers to {definition.title}", errors=errors)
    return kept


def _answer(item: Item, value: Answer) -> list[dict[str, Any]]:
    if item.type == "boolean":
        return [{"valueBoolean": value}]
    if item.type == "choice":
        out = []
        codes: list[Any] = [value]
        if isinstance(value, list):
            codes = list(value)
        for code in codes:
            option = item.option(str(code))
            assert option is not None  # checked by check_answers
            coding = {"code": option.code, "display": option.display}
            if option.system:
                coding = {"system": option.system, **coding}
            out.append({"valueCoding": coding})
        return out
    return [{"valueString": value}]


def _response_items(items: tuple[Item, ...], answers: Mapping[str, Answer]) -> list[dict[str, Any]]:
    """Answered items nested in their groups, as the Questionnaire has them."""
    out: list[dict[str, Any]] = []
    for item in items:
        if item.type == "group":
            children = _response_items(item.children, answers)
            if children:
                out.append({"linkId": item.link_id, "text": item.text, "item": children})
        elif item.answerable and item.link_id in answers:
            out.append({"linkId": item.link_id, "text": item.label, "answer": _answer(item, answers[item.link_id])})
    return out


def questionnaire_response(
    definition: Definition,
    answers: Mapping[str, Answer],
    *,
    response_id: str,
    subject: dict[str, str],
    author: dict[str, str],
    authored: datetime,
) -> dict[str, Any]:
    """The FHIR R4 QuestionnaireResponse, checked as R4 before it is stored."""
    resource = {
        "resourceType": "QuestionnaireResponse",
        "id": response_id,
        "questionnaire": definition.canonical,
        "status": "completed",
        "subject": subject,
        "authored": authored.isoformat(),
        "author": author,
        "item": _response_items(definition.items, answers),
    }
    validate_r4(resource)
    return resource


def answers_of(definition: Definition, resource: Mapping[str, Any]) -> dict[str, Answer]:
    """A stored QuestionnaireResponse's answers again, by linkId (for prefill)."""
    out: dict[str, Answer] = {}

    def visit(items: Any) -> None:
        for it in items or []:
            visit(it.get("item"))
            item = definition.item(str(it.get("linkId", "")))
            if item is None or not item.answerable or not it.get("answer"):
                continue
            found: list[Any] = []
            for a in it["answer"]:
                if "valueCoding" in a:
                    found.append(str(a["valueCoding"].get("code", "")))
                else:
                    found.append(a.get("valueBoolean", a.get("valueString")))
            value: Answer = [str(f) for f in found] if item.repeats else found[0]
            out[item.link_id] = value

    visit(resource.get("item"))
    return out


def answer_rows(definition: Definition, resource: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """A stored response as (question, answer lines) for people to read, in form order."""
    rows: list[tuple[str, list[str]]] = []

    def visit(items: Any) -> None:
        for it in items or []:
            visit(it.get("item"))
            if not it.get("answer"):
                continue
            item = definition.item(str(it.get("linkId", "")))
            lines = []
            for a in it["answer"]:
                if "valueCoding" in a:
                    lines.append(str(a["valueCoding"].get("display") or a["valueCoding"].get("code", "")))
                elif "valueBoolean" in a:
                    lines.append("Yes" if a["valueBoolean"] else "No")
                else:
                    lines.append(str(a.get("valueString", "")))
            rows.append((item.name if item else str(it.get("text", "")), lines))

    visit(resource.get("item"))
    return rows
