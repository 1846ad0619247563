"""elections/<slug>.yaml: an election or referendum."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schema.base import Record
from schema.fields import CountryCode, Markdown, PartialDate, SourceRef, Text

ElectionKind = Literal["parliamentary", "presidential", "referendum", "local"]


class Election(Record):
    name: Text = Field(description="Name, such as 'Parliamentary election 2020'.")
    country: CountryCode = Field(description="Where it was held.")
    kind: ElectionKind = Field(description="parliamentary, presidential, referendum or local.")
    date: PartialDate = Field(description="Polling day.")
    description: Markdown | None = Field(default=None, description="What happened, in a sentence or two.")
    sources: list[SourceRef] = Field(min_length=1, description="Publications the facts rest on.")
    body: Markdown | None = Field(default=None, description="Optional longer text.")
