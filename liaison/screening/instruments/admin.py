"""Administrators load a licensed Questionnaire (or a new version) here: it is checked with
fhir.resources and against the instrument's expected linkIds before it is stored."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from liaison.core.errors import DomainError, Invalid
from liaison.screening.instruments.actions import questionnaire_check, questionnaire_upload
from liaison.screening.instruments.catalogue import CODES
from liaison.screening.instruments.models import QuestionnaireVersion

_MAX_BYTES = 2_000_000


class UploadForm(forms.ModelForm[QuestionnaireVersion]):
    instrument = forms.ChoiceField(choices=[(c, c) for c in CODES])
    file = forms.FileField(label="Questionnaire (FHIR R4 JSON)")

    class Meta:
        model = QuestionnaireVersion
        fields = ["instrument"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is None or "instrument" not in data:
            return data
        if upload.size > _MAX_BYTES:
            raise forms.ValidationError("The file is too large for a Questionnaire")
        try:
            resource = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError("The file is not JSON") from None
        try:
            questionnaire_check(instrument=data["instrument"], resource=resource)
        except Invalid as e:
            raise forms.ValidationError([*e.errors.values()] or [e.message]) from None
        except DomainError as e:
            raise forms.ValidationError(e.message) from None
        data["resource"] = resource
        return data


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin[QuestionnaireVersion]):
    list_display = ["instrument", "version", "uploaded_by", "uploaded_at"]
    list_filter = ["instrument"]
    readonly_fields = ["instrument", "version", "resource", "uploaded_by", "uploaded_at"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = UploadForm
            kwargs["fields"] = ["instrument", "file"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ["instrument", "file"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Through the action, so the upload is checked once more and stored as a new version only.
        stored = questionnaire_upload(
            by=request.user,  # type: ignore[arg-type]
            instrument=form.cleaned_data["instrument"],
            resource=form.cleaned_data["resource"],
        )
        obj.pk = stored.pk
        obj.__dict__.update({k: v for k, v in stored.__dict__.items() if not k.startswith("_")})

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # versions are never edited: load a new one

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
