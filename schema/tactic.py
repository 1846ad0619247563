"""tactics/<slug>.yaml: a behaviour networks use, and how to spot it."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from schema.base import Record
from schema.fields import Markdown, PlainString, SourceRef, Text

Stage = Literal["acquiring", "disguising", "engaging", "evading"]

_DISARM_RE = re.compile(r"^T\d{4}(\.\d{3})*$")
_KILLCHAIN_RE = re.compile(r"^\d+(\.\d+){0,2}$")


def _check_disarm(value: str) -> str:
    if not _DISARM_RE.match(value):
        raise ValueError(f"'{value}' is not a DISARM technique ID (for example T0143.002)")
    return value


def _check_killchain(value: str) -> str:
    if not _KILLCHAIN_RE.match(value):
        raise ValueError(f"'{value}' is not a kill-chain code (for example 1.1 or 0.9.1)")
    return value


DisarmId = Annotated[PlainString, AfterValidator(_check_disarm)]
KillchainCode = Annotated[PlainString, AfterValidator(_check_killchain)]


class Tactic(Record):
    name: Text = Field(description="Short name of the behaviour.")
    summary: Text = Field(description="One sentence in plain language.")
    stage: Stage = Field(
        description="When in an operation it happens: acquiring, disguising, engaging or evading."
    )
    disarm: list[DisarmId] = Field(
        default_factory=list,
        description="DISARM technique IDs, checked against the version site.yaml names.",
    )
    killchain: list[KillchainCode] = Field(
        default_factory=list, description="Meta Online Operations Kill Chain codes that match."
    )
    how_to_spot: Markdown = Field(description="Concrete checks a reader can do on a profile or page.")
    body: Markdown | None = Field(default=None, description="A plain-language explanation.")
    sources: list[SourceRef] = Field(default_factory=list, description="Publications describing it.")
