"""Unsaved rows, made as `Model(**values)` makes them but without its per-field machinery.

The national build makes about fifteen million rows; `Model.__init__` (each field's default
looked up, each related row set through its descriptor, the init signals sent) was over a third
of the simulation's time. `new` sets the same attributes, caches each related row as the
descriptor does, and falls back to the model itself when anything listens to its init signals.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Field, ForeignKey, Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

M = TypeVar("M", bound=Model)


class _Shape:
    """A model's columns: each attribute with its default, and which names take a row."""

    def __init__(self, model: type[Model]) -> None:
        fields: list[Field[Any, Any]] = list(model._meta.concrete_fields)
        # Defaults that are values are set once here; callable ones (dict, uuid4) on each row.
        made = [f for f in fields if f.has_default() and callable(f.default)]
        self.constants = {f.attname: f.get_default() for f in fields if f not in made}
        self.callables = [(f.attname, f.default) for f in made]
        self.attnames: dict[str, str] = {f.attname: f.attname for f in fields}
        # name -> (id attribute, the related row's key attribute, whether one-to-one)
        self.related: dict[str, tuple[str, str, Any]] = {}
        for f in fields:
            if isinstance(f, ForeignKey):  # one-to-one fields too
                one_to_one = None if f.remote_field.multiple else f.remote_field
                self.related[f.name] = (f.attname, f.target_field.attname, one_to_one)
            else:
                self.attnames[f.name] = f.attname
        self.signalled = pre_init.has_listeners(model) or post_init.has_listeners(model)


_SHAPES: dict[type[Model], _Shape] = {}


def new(model: type[M], /, **values: Any) -> M:
    """`model(**values)`, the same unsaved row, several times faster."""
    shape = _SHAPES.get(model)
    if shape is None:
        shape = _SHAPES[model] = _Shape(model)
    if shape.signalled:
        return model(**values)
    row = model.__new__(model)
    state = row._state = ModelState()
    attributes = row.__dict__
    attributes.update(shape.constants)
    for attname, default in shape.callables:
        if attname not in values:
            attributes[attname] = default()
    for name, value in values.items():
        related = shape.related.get(name)
        if related is None:
            try:
                attributes[shape.attnames[name]] = value
            except KeyError:
                raise TypeError(f"{model.__name__}() got an unexpected keyword argument {name!r}") from None
            continue
        # As the related-row descriptor sets it: the id column, the row cached beside it, and
        # on a one-to-one the row pointing back.
        attname, key, one_to_one = related
        attributes[attname] = None if value is None else getattr(value, key)
        state.fields_cache[name] = value
        if one_to_one is not None and value is not None:
            one_to_one.set_cached_value(value, row)
    return row
