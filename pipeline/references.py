"""Which fields of a record point at other records, found from the schema's annotations.

Check resolves these references, Register builds backlinks from them and pages order
footnotes by them: one walk, computed once per model class, skipping every field that
can hold no reference.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import BaseModel

from schema.fields import Reference

Found = tuple[tuple, Reference, str]
"""(key path in the YAML, the Reference, the slug written there)."""


def references_of(model: BaseModel, path: tuple = ()) -> list[Found]:
    """Every (key path, Reference, slug) inside a record, nested models and lists included."""
    found: list[Found] = []
    _collect_references(model, path, found)
    return found


def _collect_references(model: BaseModel, path: tuple, found: list) -> None:
    for name, key, ref in _reference_fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        is_list = isinstance(value, list)
        if ref is not None:
            if is_list:
                found.extend([(path + (key, index), ref, item) for index, item in enumerate(value)])
            else:
                found.append((path + (key,), ref, value))
        elif is_list:
            for index, item in enumerate(value):
                _collect_references(item, path + (key, index), found)
        else:
            _collect_references(value, path + (key,), found)


@functools.cache
def _reference_fields(cls: type[BaseModel]) -> tuple[tuple[str, str, Reference | None], ...]:
    """(field, key as written in YAML, Reference or None for a nested model):
    the fields of a model that hold references, or models that do. Computed once per class,
    so walking 10,000 records skips every field that can hold no reference."""
    found = []
    for name, info in cls.model_fields.items():
        key = info.alias or name
        ref = _find_reference(info.annotation, info.metadata)
        if ref:
            found.append((name, key, ref))
        elif any(_reference_fields(inner) for inner in _models_in(info.annotation) if inner is not cls):
            found.append((name, key, None))
    return tuple(found)


def _find_reference(annotation: Any, metadata: list) -> Reference | None:
    for item in metadata:
        if isinstance(item, Reference):
            return item
    if typing.get_origin(annotation) is typing.Annotated:
        return _find_reference(typing.get_args(annotation)[0], list(annotation.__metadata__))
    for arg in typing.get_args(annotation):
        found = _find_reference(arg, [])
        if found:
            return found
    return None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]
