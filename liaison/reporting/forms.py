"""The monthly return's form: submit it (again, with a reason)."""

from __future__ import annotations

from django import forms

from liaison.core.forms import NhsForm, text_field
from liaison.reporting.actions import REASON_MAX


class SubmitReturnForm(NhsForm):
    expected_version = forms.IntegerField(min_value=0, max_value=32767, widget=forms.HiddenInput)
    reason = text_field(
        "Why are you submitting this return again?",
        rows=3,
        max_length=REASON_MAX,
        help_text="For example, records added late or a correction. Needed for a resubmission only.",
    )
