"""One limit for every piece of free text, the same in the form, the API and the model.

The forms give every text field a limit (`core.forms.limit_free_text`), the API's text types
carry the same numbers (`interop.api.schemas`), and here the models refuse to save more, so a
caller that skips both (a script, the admin, a future endpoint) cannot store a 100,000-character
note either. SQLite does not enforce a CharField's length and no database limits a TextField, so
the check runs before every save of the project's own models.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.core.errors import Invalid

# A line of text (a name, who alerted L&D) and a note in a text area.
LINE_LIMIT = 160
NOTE_LIMIT = 4_000
# A clinical document's parts (an assessment's history, presentation, formulation).
DOCUMENT_LIMIT = 20_000

# Text fields longer than a note, by "app_label.model.field".
LONGER: dict[str, int] = {
    f"assessment.assessment.{name}": DOCUMENT_LIMIT
    for name in ("history", "presentation", "formulation", "onward_referral")
}


def limit_of(model: type[models.Model], field: models.Field[Any, Any]) -> int | None:
    if isinstance(field, models.TextField):
        return LONGER.get(f"{model._meta.label_lower}.{field.name}", field.max_length or NOTE_LIMIT)
    if isinstance(field, models.CharField):
        return field.max_length
    return None


def check_lengths(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """pre_save: refuse text longer than its limit, naming the field as a form would."""
    errors: dict[str, str] = {}
    for field in sender._meta.concrete_fields:
        limit = limit_of(sender, field)
        value = getattr(instance, field.attname, None)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            label = str(field.verbose_name)
            errors[field.name] = f"{label[:1].upper()}{label[1:]} must be {limit:,} characters or fewer"
    if errors:
        raise Invalid("Some text is too long", errors=errors)


def connect() -> None:
    """Watches the project's own models (not Django's or other packages')."""
    from django.apps import apps
    from django.db.models.signals import pre_save

    for model in apps.get_models():
        if model.__module__.startswith("liaison."):
            pre_save.connect(check_lengths, sender=model, dispatch_uid=f"liaison_lengths_{model._meta.label_lower}")
