"""Stage 3: the Register, a read-only linked view of the validated records.

Every join the site needs (backlinks, totals, timelines) is computed here once, in
linear time, so templates only read and a 10,000-network build has no quadratic step.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pipeline import gctuning
from pipeline.history import History
from pipeline.load import Records
from schema import Actor, Election, Network, Page, Site, Source, Tactic
from schema.fields import PartialDate
from schema.network import ASSET_KINDS


@dataclass(frozen=True)
class Citation:
    """A record that cites a source, and in which field."""

    collection: str
    slug: str
    field: str


@dataclass(frozen=True)
class ActorLink:
    """A claim from a network to an actor (operator, stance, investigator, platform)."""

    network: str
    role: str  # operator | stance | investigator | platform
    claim: Any = None


@dataclass(frozen=True)
class Tie:
    """An affiliation seen from either end: `actor` has `role` at `other`."""

    actor: str
    other: str
    affiliation: Any


@dataclass
class NetworkFacts:
    """Figures derived from one network, for tables, charts and sorting."""

    removed: dict[str, int]
    removed_by_platform: dict[str, dict[str, int]]
    platforms: list[str]
    ad_spend: dict[str, float]
    year: int | None
    first_date: PartialDate | None

    @property
    def accounts(self) -> int:
        return self.removed.get("accounts", 0)


@dataclass
class Register:
    """The site's data: records by collection plus every backlink and total."""

    site: Site
    networks: dict[str, Network]
    actors: dict[str, Actor]
    elections: dict[str, Election]
    sources: dict[str, Source]
    tactics: dict[str, Tactic]
    pages: dict[str, Page]
    history: History
    facts: dict[str, NetworkFacts] = field(default_factory=dict)
    cited_by: dict[str, list[Citation]] = field(default_factory=dict)
    actor_links: dict[str, list[ActorLink]] = field(default_factory=dict)
    ties: dict[str, list[Tie]] = field(default_factory=dict)
    election_networks: dict[str, list[str]] = field(default_factory=dict)
    tactic_networks: dict[str, list[str]] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: Records, history: History | None = None) -> "Register":
        collections = {name: {slug: entry.model for slug, entry in sorted(entries.items())}
                       for name, entries in records.collections.items()}
        register = cls(site=records.site, pages={slug: e.model for slug, e in sorted(records.pages.items())},
                       history=history or History.empty(), **collections)
        with gctuning.lasting():  # collections would rescan the backlinks (0.6 s at 10,000 networks)
            register._link(records)
        return register

    # --- construction -------------------------------------------------------

    def _link(self, records: Records) -> None:
        cited_by, actor_links, ties = defaultdict(list), defaultdict(list), defaultdict(list)
        election_networks, tactic_networks, related = defaultdict(list), defaultdict(list), defaultdict(set)
        for entry in records.entries():
            if entry.collection in ("site", "pages"):
                continue
            # Each (source, field) once, in the order first named: a dict, not a search of
            # the source's growing list of Citations (0.3 s at 10,000 networks).
            cited_here = {(slug, str(path[0])): None for path, ref, slug in entry.references
                          if ref.collection == "sources"}
            for slug, cited_field in cited_here:
                cited_by[slug].append(Citation(entry.collection, entry.slug, cited_field))
        for slug, network in self.networks.items():
            self.facts[slug] = _network_facts(network)
            for claim in network.operators:
                actor_links[claim.actor].append(ActorLink(slug, "operator", claim))
            for claim in network.stances:
                actor_links[claim.actor].append(ActorLink(slug, "stance", claim))
            for investigator in network.investigated_by:
                actor_links[investigator.actor].append(ActorLink(slug, "investigator", investigator))
            for platform in self.facts[slug].platforms:
                actor_links[platform].append(ActorLink(slug, "platform"))
            for election in network.elections:
                election_networks[election].append(slug)
            for tactic in network.tactics:
                tactic_networks[tactic].append(slug)
            for other in network.related:
                related[slug].add(other)
                related[other].add(slug)
        for slug, actor in self.actors.items():
            for affiliation in actor.affiliations:
                tie = Tie(slug, affiliation.actor, affiliation)
                ties[slug].append(tie)
                ties[affiliation.actor].append(tie)
        self.cited_by, self.actor_links, self.ties = dict(cited_by), dict(actor_links), dict(ties)
        self.election_networks, self.tactic_networks = dict(election_networks), dict(tactic_networks)
        self.related = {slug: sorted(others) for slug, others in related.items()}
        self.aliases = {name: {alias: slug for slug, record in getattr(self, name).items() for alias in record.aliases}
                        for name in ("networks", "actors", "elections", "sources", "tactics", "pages")}

    # --- lookups -----------------------------------------------------------------

    def collection(self, name: str) -> dict[str, Any]:
        return getattr(self, name)

    def networks_by_date(self) -> list[str]:
        """Newest takedown first; then by slug, so the order is stable."""
        return sorted(self.networks, key=lambda slug: (_negated(self.facts[slug].first_date), slug))

    def elections_by_date(self) -> list[str]:
        return sorted(self.elections, key=lambda slug: (self.elections[slug].date.sort_key(), slug))

    def actors_by_kind(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for slug, actor in self.actors.items():
            groups[actor.kind].append(slug)
        return {kind: sorted(slugs) for kind, slugs in sorted(groups.items())}

    def sources_by_publisher(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for slug, source in self.sources.items():
            groups[source.publisher].append(slug)
        return {publisher: sorted(slugs, key=lambda s: (_negated(self.sources[s].published), s))
                for publisher, slugs in sorted(groups.items())}

    def links_to_actor(self, slug: str, role: str | None = None) -> list[ActorLink]:
        return [link for link in self.actor_links.get(slug, []) if role is None or link.role == role]

    def networks_of_tactic(self, slug: str) -> list[str]:
        return self.tactic_networks.get(slug, [])

    def claims_about(self, slug: str) -> bool:
        """True when some record links this actor to a network or an organisation."""
        return any(link.role in ("operator", "stance") for link in self.actor_links.get(slug, [])) or any(
            tie.actor == slug for tie in self.ties.get(slug, []))

    # --- totals ------------------------------------------------------------------

    def totals(self) -> dict[str, Any]:
        """Headline figures for the home page."""
        removed: dict[str, int] = defaultdict(int)
        spend: dict[str, float] = defaultdict(float)
        for facts in self.facts.values():
            for kind, count in facts.removed.items():
                removed[kind] += count
            for currency, amount in facts.ad_spend.items():
                spend[currency] += amount
        countries = {code for network in self.networks.values() for code in network.origin}
        return {
            "networks": len(self.networks),
            "removed": {kind: removed[kind] for kind in ASSET_KINDS if kind in removed},
            "ad_spend": dict(sorted(spend.items())),
            "elections": len([slug for slug in self.elections if self.election_networks.get(slug)]),
            "countries": len(countries),
            "actors": len(self.actors),
            "sources": len(self.sources),
        }


def _network_facts(network: Network) -> NetworkFacts:
    removed: dict[str, int] = defaultdict(int)
    by_platform: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for takedown in network.takedowns:
        for kind, count in takedown.removed.items():
            removed[kind] += count
            by_platform[takedown.platform][kind] += count
    spend: dict[str, float] = defaultdict(float)
    for item in network.ad_spend:
        spend[item.currency] += item.amount
    dates = sorted(takedown.date for takedown in network.takedowns)
    platforms = sorted({t.platform for t in network.takedowns} | {a.platform for a in network.ad_spend}
                       | {a.platform for a in network.audience})
    return NetworkFacts(
        removed={kind: removed[kind] for kind in ASSET_KINDS if kind in removed},
        removed_by_platform={p: {k: v[k] for k in ASSET_KINDS if k in v} for p, v in sorted(by_platform.items())},
        platforms=platforms,
        ad_spend=dict(sorted(spend.items())),
        year=dates[0].year if dates else (network.active.from_.year if network.active else None),
        first_date=dates[0] if dates else (network.active.from_ if network.active else None),
    )


def _negated(date: PartialDate | None) -> tuple[int, int, int]:
    if date is None:
        return (1, 0, 0)
    year, month, day = date.sort_key()
    return (-year, -month, -day)
