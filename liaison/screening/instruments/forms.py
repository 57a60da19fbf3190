"""A form generated from a Questionnaire: one field per question, laid out in its groups.

The fields only parse; the answers are checked by the same checker the action and the API use,
in `clean`, so the error summary lists every missing answer (and a bad date) at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms

from liaison.core.errors import Invalid
from liaison.pathway.forms import StepForm
from liaison.screening.instruments.answers import Answer, check_answers
from liaison.screening.instruments.definition import Definition, Item, field_name

_YES_NO = [("yes", "Yes"), ("no", "No")]
# Longer lists of answers read better as a drop-down than as a column of radios.
_RADIO_LIMIT = 5


def _field(item: Item) -> forms.Field:
    invalid = {"invalid_choice": f"Select one of the answers given: {item.name}"}
    common: dict[str, Any] = {"label": item.label, "help_text": item.hint, "required": False}
    if item.type == "boolean":
        return forms.ChoiceField(choices=_YES_NO, widget=forms.RadioSelect, error_messages=invalid, **common)
    if item.type == "choice" and item.repeats:
        return forms.MultipleChoiceField(
            choices=[(o.code, o.display) for o in item.options],
            widget=forms.CheckboxSelectMultiple,
            error_messages=invalid,
            **common,
        )
    if item.type == "choice":
        choices = [(o.code, o.display) for o in item.options]
        if len(choices) > _RADIO_LIMIT:
            return forms.ChoiceField(choices=[("", "Not given"), *choices], error_messages=invalid, **common)
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, error_messages=invalid, **common)
    return forms.CharField(
        max_length=item.max_length,
        widget=forms.Textarea if item.type == "text" else forms.TextInput,
        error_messages={"max_length": f"{item.name} must be {item.max_length:,} characters or fewer"},
        **common,
    )


def _as_form_value(item: Item, value: Answer) -> Any:
    if item.type == "boolean":
        return "yes" if value is True else "no"
    return value


@dataclass
class Node:
    """A group (legend, hint, children) or a question (its bound field) in page order."""

    item: Item
    bound: forms.BoundField | None = None
    children: list[Node] = field(default_factory=list)
    carried: bool = False
    depth: int = 0

    @property
    def is_group(self) -> bool:
        return self.bound is None

    @property
    def inline(self) -> bool:
        return self.item.type == "boolean" or (self.item.type == "choice" and len(self.item.options) <= 4)


class QuestionnaireForm(StepForm):
    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        definition: Definition,
        age_band: str,
        prefill: Mapping[str, Answer] | None = None,
    ) -> None:
        self.definition = definition
        self.age_band = age_band
        self.prefill = dict(prefill or {})
        self.items = definition.answerable(age_band=age_band)
        initial = {
            field_name(k): _as_form_value(it, self.prefill[k]) for it in self.items if (k := it.link_id) in self.prefill
        }
        super().__init__(data, initial=initial)
        for it in self.items:
            self.fields[field_name(it.link_id)] = _field(it)
        self.order_fields([field_name(it.link_id) for it in self.items] + ["occurred_on", "occurred_time"])
        self.error_fields = {**StepForm.error_fields, **{it.link_id: field_name(it.link_id) for it in self.items}}

    def answers(self) -> dict[str, Any]:
        """The answers by linkId, in the types the checker and the API take."""
        data = getattr(self, "cleaned_data", {})
        out: dict[str, Any] = {}
        for it in self.items:
            value = data.get(field_name(it.link_id))
            if value in (None, "", []):
                continue
            out[it.link_id] = (value == "yes") if it.type == "boolean" else value
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            check_answers(self.definition, self.answers(), age_band=self.age_band)
        except Invalid as e:
            # Questions whose field already has an error (an impossible choice) keep that one.
            self.add_domain_errors({k: v for k, v in e.errors.items() if field_name(k) not in self.errors})
        return data

    def layout(self) -> list[Node]:
        asked = {it.link_id for it in self.items}

        def build(items: tuple[Item, ...], depth: int) -> list[Node]:
            nodes = []
            for it in items:
                if it.type == "group":
                    if it.age_band and it.age_band != self.age_band:
                        continue
                    children = build(it.children, depth + 1)
                    carried = any(c.carried for c in children)
                    nodes.append(Node(it, None, children, carried, depth))
                elif it.link_id in asked:
                    bound = self[field_name(it.link_id)]
                    nodes.append(Node(it, bound, [], it.link_id in self.prefill, depth))
            return nodes

        return build(self.definition.items, 0)
