"""The review pages' forms: a reason, and for a merge which record is kept."""

from __future__ import annotations

from typing import Any

from django import forms

from liaison.core.forms import NhsForm


class ReasonForm(NhsForm):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter a reason"},
    )


class MergeForm(ReasonForm):
    keep = forms.ChoiceField(
        label="Which record is kept?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the record to keep"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = self.fields["keep"]
        assert isinstance(keep, forms.ChoiceField)
        keep.choices = choices
