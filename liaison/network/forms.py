"""The coverage page's date picker: a GET form, so it works without JavaScript."""

from __future__ import annotations

from datetime import date

from liaison.core.forms import NhsDateField, NhsForm


class CoverageForm(NhsForm):
    on = NhsDateField(label="Coverage on", required=False, help_text="For example, 31 3 2015. Left empty: today")

    def day(self, today: date) -> date:
        return self.cleaned_data.get("on") or today
