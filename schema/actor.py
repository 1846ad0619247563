"""actors/<slug>.yaml: a person or organisation, their ties and their responses."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schema.base import Claim, Model, Record
from schema.fields import CountryCode, HttpUrl, Markdown, PartialDate, SourceRef, Text
from schema.network import DateRange

ActorKind = Literal[
    "person", "organisation", "party", "media", "government", "company", "platform", "ngo"
]
ResponseStance = Literal["denies", "confirms", "declined-to-comment", "no-response"]


class Affiliation(Claim):
    role: Text = Field(description="The tie, as the source describes it ('former press secretary').")
    period: DateRange | None = Field(default=None, description="When, only when a source gives it.")


class Response(Model):
    date: PartialDate = Field(description="When the response was given, as precise as the source allows.")
    stance: ResponseStance = Field(description="denies, confirms, declined-to-comment or no-response.")
    summary: Text = Field(description="What the actor said, in neutral words; quotes marked as quotes.")
    source: SourceRef = Field(description="Where the response was published.")


class Actor(Record):
    name: Text = Field(description="Name as the actor spells it; Cyrillic and Latin under languages.")
    kind: ActorKind = Field(description="person, organisation, party, media, government, company, platform or ngo.")
    country: CountryCode | None = Field(default=None, description="Where the actor is based.")
    description: Markdown | None = Field(default=None, description="One or two sentences on who this is.")
    website: HttpUrl | None = Field(default=None, description="The actor's own website.")
    affiliations: list[Affiliation] = Field(default_factory=list, description="Ties to other actors, each sourced.")
    responses: list[Response] = Field(default_factory=list, description="Public responses (right of reply).")
    body: Markdown | None = Field(default=None, description="Optional longer text.")

    @property
    def is_person(self) -> bool:
        return self.kind == "person"
