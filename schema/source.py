"""sources/<slug>.yaml: a publication that a claim rests on."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schema.base import Record
from schema.fields import ActorRef, HttpUrl, LanguageCode, PartialDate, PlainString

SourceKind = Literal["platform-report", "investigation", "news", "statement", "official", "dataset"]


class Source(Record):
    title: PlainString = Field(description="The title, in the publication's own language.")
    publisher: ActorRef = Field(description="Who published it (an actor slug).")
    url: HttpUrl = Field(description="Where it is published.")
    published: "PartialDate | None" = Field(
        default=None, description="Publication date, as precise as the publication shows it."
    )
    language: LanguageCode = Field(description="Language of the publication.")
    kind: SourceKind = Field(
        description="platform-report, investigation, news, statement, official or dataset."
    )
    archive_url: HttpUrl | None = Field(
        default=None, description="An archived copy (Wayback Machine); never guessed."
    )
    author: PlainString | None = Field(default=None, description="Author(s), as credited.")
    note: PlainString | None = Field(
        default=None, description="What the source is used for, or why a retelling is cited."
    )
