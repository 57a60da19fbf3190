"""The standards pages' forms, in the NHS.UK patterns (radios, text areas, the three-box date)."""

from __future__ import annotations

from typing import Any

from django import forms

from liaison.core.forms import YES_NO, NhsDateField, NhsForm, choice_field, limit_free_text, text_field
from liaison.core.limits import LINE_LIMIT
from liaison.organisations.models import Scheme
from liaison.standards.actions import RatingInput
from liaison.standards.models import Criterion, RatingValue, Submission
from liaison.standards.periods import MESSAGE

PERIOD_HELP = "A quarter, such as 2025-Q1 (January to March), or a financial year, such as 2024-25"


def field_key(code: str) -> str:
    """A criterion code as a form field name: HTML ids with dots are awkward to link to."""
    return code.replace(".", "-")


class StartForm(NhsForm):
    period = text_field("Period", required=MESSAGE, help_text=PERIOD_HELP, max_length=7)

    def __init__(self, *args: Any, schemes: list[Scheme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schemes = {str(s.pk): s for s in schemes}
        if len(schemes) > 1:
            self.fields["scheme"] = choice_field(
                "Scheme", [(str(s.pk), s.name) for s in schemes], "Choose the scheme", radios=True
            )

    def chosen_scheme(self) -> Scheme:
        if "scheme" in self.fields:
            return self.schemes[self.cleaned_data["scheme"]]
        return next(iter(self.schemes.values()))


class RatingForm(NhsForm):
    rating = choice_field("Rating", RatingValue.choices, "Choose whether the criterion is met, partly met or not met")
    evidence = text_field("Evidence (optional)", rows=5, help_text="What shows the criterion is met, or how far")
    action = text_field(
        "Action (optional)", rows=3, help_text="What will be done to meet it; needed when it is partly or not met"
    )
    owner = text_field("Who owns the action (optional)", max_length=LINE_LIMIT)
    due = NhsDateField(label="When the action is due (optional)", required=False, help_text="For example, 31 3 2026")

    def __init__(self, *args: Any, criterion: Criterion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if criterion.measured:
            # The figure rates it at submission; the scheme may still give its own rating.
            self.fields["rating"].required = False
            self.fields["rating"].label = "Rating (optional: left empty, the figure from the data rates it)"

    def given(self) -> RatingInput:
        d = self.cleaned_data
        return RatingInput(
            rating=d.get("rating") or "",
            evidence=d.get("evidence") or "",
            action=d.get("action") or "",
            owner=d.get("owner") or "",
            due=d.get("due"),
        )


class SubmitForm(NhsForm):
    reason = text_field(
        "Why is it submitted again? (only for a resubmission)",
        rows=3,
        help_text="For example: evidence for two criteria was found after the first submission",
    )


class ReviewForm(NhsForm):
    comment = text_field("Overall comments", required="Enter your overall comments", rows=5)

    def __init__(self, *args: Any, submission: Submission, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes = [c.code for c in criteria if c.code in submission.criteria]
        for c in criteria:
            if c.code not in submission.criteria:
                continue
            key = field_key(c.code)
            rating = submission.line(c.code).get("rating") or ""
            label = RatingValue(rating).label if rating in RatingValue.values else "not rated"
            self.fields[f"agrees_{key}"] = choice_field(
                f"{c.code}: do you agree with the rating ({label})?",
                YES_NO,
                f"Say whether you agree with the rating of {c.code}",
            )
            self.fields[f"why_{key}"] = text_field(f"{c.code}: why? (needed if you disagree)", rows=2, help_text=c.text)
        # The dynamic fields get the same limits and messages as the rest of the form's.
        limit_free_text(self.fields)

    def lines(self) -> dict[str, tuple[bool, str]]:
        d = self.cleaned_data
        return {
            code: (d.get(f"agrees_{field_key(code)}") == "yes", d.get(f"why_{field_key(code)}") or "")
            for code in self.codes
        }

    def add_review_errors(self, errors: dict[str, str]) -> None:
        # The action names fields by criterion code; the form by its field key.
        mapped = {}
        for name, text in errors.items():
            prefix, _, code = name.partition("_")
            mapped[f"{prefix}_{field_key(code)}" if code else name] = text
        self.add_domain_errors(mapped)


class BenchmarkForm(NhsForm):
    scheme = forms.ChoiceField(
        label="Scheme", required=False, error_messages={"invalid_choice": "Choose a scheme from the list"}
    )
    period = text_field("Period", help_text=PERIOD_HELP, max_length=7)

    def __init__(self, *args: Any, schemes: list[Scheme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scheme"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.code, s.name) for s in schemes]
