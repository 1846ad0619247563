"""The building blocks every record kind shares: strict frozen models and claims."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schema.fields import (
    ActorRef,
    Markdown,
    PartialDate,
    PlainString,
    Slug,
    SourceRef,
)

Confidence = Literal["confirmed", "reported", "alleged"]
"""confirmed: the platform, a court or an official finding; reported: a credible published
investigation; alleged: claimed, not independently established."""


class Model(BaseModel):
    """Strict and frozen: unknown keys are errors, nothing changes after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Correction(Model):
    date: PartialDate = Field(description="When the correction was made.")
    note: Markdown = Field(description="What was corrected and why.")


class Claim(Model):
    """A link between a named actor and something else: it must be sourced and rated."""

    actor: ActorRef = Field(description="The actor the claim is about (an actor slug).")
    confidence: Confidence = Field(
        description="confirmed (platform, court or official finding), reported (credible "
        "published investigation) or alleged (claimed, not independently established)."
    )
    sources: list[SourceRef] = Field(
        min_length=1, description="Source slugs the claim rests on (at least one)."
    )


class Imported(Model):
    """Provenance of a record written by `build.py import`."""

    from_: Slug = Field(alias="from", description="The importer that wrote the record.")
    path: PlainString = Field(description="The input file, relative to the imported repository.")
    commit: PlainString = Field(description="The commit of the imported repository.")
    hash: PlainString = Field(
        description="Hash of the record as imported; an edit by a curator changes it, and "
        "re-imports then leave the record alone."
    )

    model_config = ConfigDict(populate_by_name=True)


class Record(Model):
    """Fields every collection's records share."""

    aliases: list[Slug] = Field(
        default_factory=list,
        description="Former slugs of this record; each keeps a redirect to the current page.",
    )
    also_known_as: list[PlainString] = Field(
        default_factory=list,
        description="Other spellings (Cyrillic or Latin transliterations, former names) that "
        "search should find.",
    )
    published: PartialDate | None = Field(
        default=None, description="When the record was first published in the register."
    )
    corrections: list[Correction] = Field(
        default_factory=list,
        description="Public log of corrections to this record, oldest first.",
    )

    @model_validator(mode="after")
    def _aliases_are_unique(self) -> "Record":
        if len(set(self.aliases)) != len(self.aliases):
            raise ValueError("aliases lists the same slug twice")
        return self
