"""The subject-access request form: the request's reference and the format wanted."""

from __future__ import annotations

from django import forms

from liaison.core.forms import NhsForm


class SubjectAccessForm(NhsForm):
    reference = forms.CharField(
        label="Subject access request reference",
        max_length=100,
        required=False,
        help_text="The reference your information governance team gave the request, for example SAR-2026-0412",
        error_messages={"max_length": "The reference must be 100 characters or fewer"},
    )
    format = forms.ChoiceField(
        label="Format",
        choices=[
            ("html", "A page to read"),
            ("pdf", "A PDF to send to the person"),
            ("json", "A file for another system (JSON)"),
        ],
        initial="html",
        widget=forms.RadioSelect,
    )
