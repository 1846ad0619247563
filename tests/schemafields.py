"""Helpers for tests that keep docs and templates in step with the schema: walk the models."""

from __future__ import annotations

import typing
from typing import Iterator

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def key(name: str, info: FieldInfo) -> str:
    """The field's name as written in YAML (`from`, not `from_`)."""
    return info.alias or name


def nested_models(annotation) -> list[type[BaseModel]]:
    """Models inside a field's type: lists, optionals and Annotated unwrapped."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in nested_models(arg)]


def walk(model: type[BaseModel], skip: tuple[str, ...] = ()) -> Iterator[tuple[type[BaseModel], str, FieldInfo]]:
    """(model, name, info) for every field of `model` and of every block nested in it, recursively."""
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        yield model, name, info
        for nested in nested_models(info.annotation):
            yield from walk(nested, skip)
