"""networks/<slug>.yaml: a network of inauthentic accounts and what was done about it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from schema.base import Claim, Imported, Model, Record
from schema.fields import (
    ActorRef,
    Amount,
    Count,
    CountryCode,
    CurrencyCode,
    ElectionRef,
    Markdown,
    NetworkRef,
    PartialDate,
    PlainString,
    PlatformRef,
    SourceRef,
    TacticRef,
    Text,
)

Status = Literal["removed", "partially-removed", "reported", "active"]
AudienceMetric = Literal[
    "page-followers", "group-members", "account-followers", "channel-subscribers"
]
ASSET_KINDS = ("accounts", "pages", "groups", "channels", "events", "ads")


class DateRange(Model):
    from_: PartialDate = Field(alias="from", description="First known date.")
    to: PartialDate | None = Field(default=None, description="Last known date; absent if ongoing.")

    model_config = {"populate_by_name": True}

    @model_validator(mode="after")
    def _to_not_before_from(self) -> "DateRange":
        if self.to is not None and self.to.sort_key() < self.from_.sort_key():
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.from_})")
        return self


class Removed(Model):
    accounts: Count | None = Field(default=None, description="Accounts removed.")
    pages: Count | None = Field(default=None, description="Pages removed.")
    groups: Count | None = Field(default=None, description="Groups removed.")
    channels: Count | None = Field(default=None, description="Channels removed.")
    events: Count | None = Field(default=None, description="Events removed.")
    ads: Count | None = Field(default=None, description="Ads removed.")

    def items(self) -> list[tuple[str, int]]:
        """The asset kinds the source gives, in a fixed order."""
        return [(kind, getattr(self, kind)) for kind in ASSET_KINDS if getattr(self, kind) is not None]


class Takedown(Model):
    platform: PlatformRef = Field(description="The platform that removed assets (actor of kind platform).")
    date: PartialDate = Field(
        description="When the platform announced the removal; only the year or month when the "
        "source gives no more (for example a quarterly report's year)."
    )
    source: SourceRef = Field(description="The publication that gives these figures.")
    removed: Removed = Field(description="What was removed, in the platform's own figures.")
    approximate: bool = Field(default=False, description="True when the source says 'about'.")


class Audience(Model):
    platform: PlatformRef = Field(description="The platform the audience was on.")
    metric: AudienceMetric = Field(description="What was counted.")
    count: Count = Field(description="How many, as the source gives it.")
    approximate: bool = Field(default=False, description="True when the source says 'about'.")
    source: SourceRef = Field(description="The publication that gives the figure.")


class AdSpend(Model):
    platform: PlatformRef = Field(description="Where the ads ran.")
    amount: Amount = Field(description="The amount, in the currency the source states (never converted).")
    currency: CurrencyCode = Field(description="ISO 4217 code of the currency as stated.")
    approximate: bool = Field(default=False, description="True when the source says 'about'.")
    source: SourceRef = Field(description="The publication that gives the figure.")


class Operator(Claim):
    role: Text | None = Field(default=None, description="What the source says the actor did.")


class Stance(Claim):
    stance: Literal["promoted", "attacked", "both"] = Field(
        description="Whether the network promoted or attacked the actor, or both."
    )


class Investigator(Model):
    actor: ActorRef = Field(description="Who found or documented the network.")
    sources: list[SourceRef] = Field(min_length=1, description="Where they published it.")


class Network(Record):
    name: Text = Field(description="A neutral, descriptive name that will still make sense in ten years.")
    summary: Text = Field(description="One or two sentences: who, what, where, when.")
    status: Status = Field(description="removed, partially-removed, reported or active.")
    origin: list[CountryCode] = Field(default_factory=list, description="Countries it was run from.")
    targets: list[CountryCode] = Field(default_factory=list, description="Countries whose public it addressed.")
    active: DateRange | None = Field(default=None, description="When it was active, only when a source gives it.")
    takedowns: list[Takedown] = Field(default_factory=list, description="What each platform removed.")
    audience: list[Audience] = Field(default_factory=list, description="Reach at removal, when a source gives it.")
    ad_spend: list[AdSpend] = Field(default_factory=list, description="Money spent on ads, per platform.")
    operators: list[Operator] = Field(default_factory=list, description="Who ran it, each with confidence and sources.")
    elections: list[ElectionRef] = Field(default_factory=list, description="Elections it was active around.")
    stances: list[Stance] = Field(default_factory=list, description="Whom it promoted or attacked; leave out what no source states.")
    tactics: list[TacticRef] = Field(default_factory=list, description="Behaviours it used (tactic slugs).")
    killchain: list[PlainString] = Field(
        default_factory=list,
        description="Meta Online Operations Kill Chain procedure codes observed, such as 0.9.1.",
    )
    also_on: list[PlatformRef] = Field(
        default_factory=list, description="Other platforms where the network had assets."
    )
    investigated_by: list[Investigator] = Field(default_factory=list, description="Who found or documented it.")
    related: list[NetworkRef] = Field(
        default_factory=list,
        description="Related networks; the reverse link is derived, so list it on one side only.",
    )
    sources: list[SourceRef] = Field(min_length=1, description="Every publication the record rests on.")
    body: Markdown | None = Field(default=None, description="Narrative: what it did, how it was found, what is disputed.")
    imported: Imported | None = Field(default=None, description="Set by `build.py import`; do not edit.")
    period: PlainString | None = Field(
        default=None, description="The platform's reporting period, such as 'Q3 2024' or 'H1 2026'."
    )

    @model_validator(mode="after")
    def _no_repeats(self) -> "Network":
        for name in ("origin", "targets", "elections", "tactics", "killchain", "related", "sources", "also_on"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name} lists the same value twice")
        return self
