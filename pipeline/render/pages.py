"""Which HTML pages exist, at which paths, with which context: one function per page kind.

Each function yields PageData for one language; `render_site` adds the context every
page shares. Sorting and joining happen here or in Register, never in templates.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from pipeline.check import disarm_techniques, killchain_codes
from pipeline.references import references_of
from pipeline.register import Register
from pipeline.render.charts import record_charts
from pipeline.render.citations import cite
from pipeline.render.i18n import localized, translations
from pipeline.search import record_keys
from pipeline.urls import Urls
from schema.network import ASSET_KINDS

LATEST_ON_HOME = 6


@dataclass(frozen=True)
class PageData:
    """One page to render: where it goes, what it is called, and what it shows."""

    path: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    kind: str = "page"
    record: tuple[str, str] | None = None  # (collection, slug) for record pages
    indexed: bool = True  # part of search, sitemap and feeds
    details: Callable[[], dict[str, Any]] | None = field(default=None, compare=False)
    """The costly rest of the context (charts, footnotes, backlinks), worked out by whichever
    worker renders the page; `context` holds what feeds, citations and the sitemap read."""


def _(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def _text(register: Register, value: dict[str, str] | None, lang: str) -> str:
    return localized(value, lang, register.site.default_language)[0]


def home(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    latest = register.networks_by_date()[:LATEST_ON_HOME]
    yield PageData(urls.home(lang), "pages/home.html", _text(register, register.site.title, lang),
                   _text(register, register.site.description or register.site.tagline, lang),
                   {"totals": register.totals(), "latest": latest}, kind="home")


def network_index(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    yield PageData(urls.section("networks", lang), "pages/networks.html", _(lang, "Networks"),
                   _(lang, "Every documented network: where it was run from, whom it targeted, what was removed."),
                   {"slugs": register.networks_by_date()}, kind="index")


def actor_index(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    yield PageData(urls.section("actors", lang), "pages/actors.html", _(lang, "People and organisations"),
                   _(lang, "Operators, politicians, parties, media, investigators and platforms named in the register."),
                   {"groups": register.actors_by_kind()}, kind="index")


def election_index(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    yield PageData(urls.section("elections", lang), "pages/elections.html", _(lang, "Elections"),
                   _(lang, "Elections and referendums that networks in the register were active around."),
                   {"slugs": register.elections_by_date()}, kind="index")


def tactic_index(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    stages = {}
    for slug, tactic in register.tactics.items():
        stages.setdefault(tactic.stage, []).append(slug)
    ordered = [(stage, sorted(stages[stage], key=lambda s: _text(register, register.tactics[s].name, lang)))
               for stage in ("acquiring", "disguising", "engaging", "evading") if stage in stages]
    yield PageData(urls.section("tactics", lang), "pages/tactics.html", _(lang, "Tactics"),
                   _(lang, "How fake-account networks work, and how to spot them."),
                   {"stages": ordered}, kind="index")


def source_index(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    yield PageData(urls.section("sources", lang), "pages/sources.html", _(lang, "Sources"),
                   _(lang, "Every publication the register cites, and what cites it."),
                   {"groups": register.sources_by_publisher()}, kind="index")


def _records(collection: str, template: str):
    def pages(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
        for slug, record in register.collection(collection).items():
            title = _text(register, record.name, lang) if hasattr(record, "name") else record.title
            summary = getattr(record, "summary", None) or getattr(record, "description", None)
            description = _text(register, summary, lang) if summary else title
            path = urls.record(collection, slug, lang)
            context = record_context(register, urls, collection, slug, record, lang, title, path)
            details = functools.partial(record_details, register, urls, collection, slug, record, lang, path)
            yield PageData(path, template, title, _one_line(description), context,
                           kind=collection.rstrip("s"), record=(collection, slug), details=details)
    pages.__name__ = f"{collection}_pages"
    return pages


def record_context(register: Register, urls: Urls, collection: str, slug: str, record, lang: str,
                   title: str, path: str) -> dict[str, Any]:
    """What every output reads about a record page: its history and how to cite it."""
    relative_file = f"{collection}/{slug}.yaml"
    history = {"first": register.history.first_published(record, relative_file),
               "last": register.history.last_updated(record, relative_file)}
    publisher = _text(register, register.actors[register.site.publisher].name, lang)
    citation = cite(title, urls.absolute(path), publisher, _text(register, register.site.title, lang),
                    history["last"], f"{collection}-{slug}", lang, path)
    return {"slug": slug, "record": record, "history": history, "citation": citation}


def record_details(register: Register, urls: Urls, collection: str, slug: str, record, lang: str,
                   path: str) -> dict[str, Any]:
    """What only the page itself shows: footnotes, search keys, charts, backlinks, codes."""
    order = source_order(register, collection, slug, record)
    context = {"notes": {s: i for i, s in enumerate(order, 1)}, "note_order": order,
               "search_keys": record_keys(register, collection, slug, record),
               "charts": record_charts(register, urls, collection, slug, lang, path)}
    if collection == "networks":
        context.update(network_context(register, slug, record))
    if collection == "tactics":
        codes = killchain_codes()
        context["killchain"] = [(code, codes.get(code, "")) for code in record.killchain]
        known = disarm_techniques(register.site.disarm_version or "") or {}
        context["disarm"] = [{"id": code, "name": known.get(code, ("", ""))[0],
                              "status": known.get(code, ("", "current"))[1]} for code in record.disarm]
    return context


def network_context(register: Register, slug: str, network) -> dict[str, Any]:
    codes = killchain_codes()
    removed_kinds = [kind for kind in ASSET_KINDS if any(t.removed.items() and getattr(t.removed, kind) is not None
                                                         for t in network.takedowns)]
    return {
        "removed_kinds": removed_kinds,
        "killchain": [(code, codes.get(code, "")) for code in network.killchain],
        "related": register.related.get(slug, []),
        "election_timeline": election_timeline(register, network),
    }


def election_timeline(register: Register, network) -> list[dict[str, Any]]:
    """The network's elections, removals and known activity, in date order."""
    events = [{"kind": "election", "date": register.elections[e].date, "slug": e} for e in network.elections]
    if not events:
        return []
    events += [{"kind": "takedown", "date": t.date, "slug": t.platform} for t in network.takedowns]
    if network.active:
        events.append({"kind": "active-from", "date": network.active.from_, "slug": ""})
        if network.active.to:
            events.append({"kind": "active-to", "date": network.active.to, "slug": ""})
    unique = {(e["kind"], str(e["date"]), e["slug"]): e for e in events}
    return sorted(unique.values(), key=lambda e: (e["date"].sort_key(), e["kind"], e["slug"]))


def source_order(register: Register, collection: str, slug: str, record) -> list[str]:
    """Sources in the order the page first cites them: the record's own, then replies shown beside it."""
    order: dict[str, None] = {}
    for _path, ref, target in references_of(record):
        if ref.collection == "sources":
            order.setdefault(target)
    shown_actors = []
    if collection == "tactics":  # its examples are cited with their networks' sources
        for network in register.networks_of_tactic(slug):
            for source in register.networks[network].sources:
                order.setdefault(source)
    if collection == "networks":
        shown_actors = [claim.actor for claim in record.operators + record.stances]
    elif collection == "actors":
        shown_actors = [slug] + [tie.actor for tie in register.ties.get(slug, []) if tie.actor != slug]
        for link in register.links_to_actor(slug):
            for source in getattr(link.claim, "sources", []) if link.claim else []:
                order.setdefault(source)
    for actor in shown_actors:
        for response in register.actors[actor].responses:
            order.setdefault(response.source)
        if collection == "actors":
            for affiliation in register.actors[actor].affiliations:
                for source in affiliation.sources:
                    order.setdefault(source)
    return list(order)


def free_pages(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    for slug, page in register.pages.items():
        yield PageData(urls.page(slug, lang), "pages/page.html", _text(register, page.title, lang),
                       _text(register, page.description, lang), {"slug": slug, "page": page}, kind="free-page")


def not_found(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    if lang == urls.default_language:
        yield PageData("404.html", "pages/404.html", _(lang, "Page not found"),
                       _(lang, "This address does not exist in the register."), kind="404", indexed=False)


def redirects(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    """A page at every former slug, pointing at the record's permalink."""
    for collection, aliases in register.aliases.items():
        for alias, slug in sorted(aliases.items()):
            if collection == "pages":
                old, new = urls.page(alias, lang), urls.page(slug, lang)
            else:
                old, new = urls.record(collection, alias, lang), urls.record(collection, slug, lang)
            yield PageData(old, "pages/redirect.html", _(lang, "This page has moved"), _(lang, "This page has moved"),
                           {"target": new}, kind="redirect", indexed=False)


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"


network_pages = _records("networks", "pages/network.html")
actor_pages = _records("actors", "pages/actor.html")
election_pages = _records("elections", "pages/election.html")
tactic_pages = _records("tactics", "pages/tactic.html")
source_pages = _records("sources", "pages/source.html")
