"""The Django admin holds no clinical content (ADR 0025): nothing registered there is, or points
at, a person or an episode, so an administrator can read nothing about a person unaudited."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.db import models

CLINICAL = {"people.Person", "pathway.Episode"}


def _points_at_a_person(model: type[models.Model]) -> list[str]:
    pointing = []
    for field in model._meta.get_fields():
        target = field.related_model
        is_model = isinstance(target, type) and issubclass(target, models.Model)
        if field.is_relation and not field.auto_created and is_model and target._meta.label in CLINICAL:  # type: ignore[union-attr]
            pointing.append(field.name)
    return pointing


def _shown_models() -> list[type[models.Model]]:
    shown = []
    for model, model_admin in admin.site._registry.items():
        shown.append(model)
        shown.extend(inline.model for inline in model_admin.inlines)
    return shown


def test_no_model_in_the_admin_is_or_points_at_a_person_or_an_episode() -> None:
    offending = {
        m._meta.label: _points_at_a_person(m)
        for m in _shown_models()
        if m._meta.label in CLINICAL or _points_at_a_person(m)
    }
    assert offending == {}


def test_the_rule_would_catch_a_clinical_model() -> None:
    # The check above is only worth something if clinical models do point at a person or episode.
    for label in ("sharing.Consent", "sharing.InformationShare", "referrals.Referral", "screening.InstrumentResponse"):
        assert _points_at_a_person(apps.get_model(label)), label


def test_the_reference_data_administrators_keep_is_still_there() -> None:
    labels = {m._meta.label for m in admin.site._registry}
    assert {"accounts.User", "organisations.Scheme", "referrals.Service", "screening.QuestionnaireVersion"} <= labels
