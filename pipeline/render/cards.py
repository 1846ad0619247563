"""Case cards for workshops: one printable A4 card per network, an index, a whole deck per language.

A card is a short, fixed-size view of a network record, so every list on it has a limit
(the rest is "…and N more") and long texts are shortened with a pointer to the permalink.
Sources a card cites are always listed; only uncited ones are left off when there is no room.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any, Iterator

from markdown_it import MarkdownIt

from pipeline.check import killchain_codes
from pipeline.register import Register
from pipeline.render.i18n import country_name, localized, translations
from pipeline.render.pages import PageData
from pipeline.urls import Urls
from schema.network import ASSET_KINDS

MAX_TAKEDOWNS = 3
MAX_SPEND = 2
MAX_OPERATORS = 2
MAX_TACTICS = 3
MAX_PROCEDURES = 6
MAX_SOURCES = 3  # cited sources are always listed; uncited ones fill up to this many
SUMMARY_CHARS = 360
# Room for the longer texts: one operator leaves space for its whole reply and fuller checks;
# two share it. A reply is shortened only when it would push the card past one page.
REPLY_CHARS = {1: 760, 2: 200}  # per reply, by the number of operators shown
CHECK_CHARS = {1: 170, 2: 105}  # per tactic's first check
ROLE_CHARS = 80
MORE_NAMES_CHARS = 150  # the names of tactics left off, on one or two lines


def card_index(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    """PAGES row: /cards/, the networks grouped by the country they were run from."""
    gettext = translations(lang).gettext
    yield PageData(urls.section("cards", lang), "pages/cards.html", gettext("Case cards"),
                   gettext("One printable card per network, for workshops and classrooms."),
                   {"groups": by_origin(register, lang), "deck": urls.deck(lang),
                    "count": len(register.networks)}, kind="cards")


def card_pages(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    """PAGES row: /cards/<network>/, one A4 page each."""
    gettext = translations(lang).gettext
    for slug in register.networks_by_date():
        network = register.networks[slug]
        name = localized(network.name, lang, register.site.default_language)[0]
        yield PageData(urls.card(slug, lang), "pages/card.html", gettext("Case card: %(name)s") % {"name": name},
                       localized(network.summary, lang, register.site.default_language)[0][:300],
                       kind="card", indexed=False,
                       details=functools.partial(lambda s: {"card": case_card(register, urls, s, lang)}, slug))


def card_decks(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    """PAGES row: cards-<lang>.html at the site root, every card, one per printed page."""
    gettext = translations(lang).gettext
    cards = lambda: {"card_slugs": register.networks_by_date(),  # noqa: E731
                     "card_of": lambda slug: case_card(register, urls, slug, lang)}
    yield PageData(urls.deck(lang), "pages/card_deck.html", gettext("Case cards: the whole deck"),
                   gettext("Every case card, one per printed page."),
                   {"lang": lang}, kind="card-deck", indexed=False, details=cards)


def by_origin(register: Register, lang: str) -> list[tuple[str, list[str]]]:
    """(country code, networks newest first) by country name; '' (origin not given) last."""
    groups: dict[str, list[str]] = defaultdict(list)
    for slug in register.networks_by_date():
        for code in register.networks[slug].origin or [""]:
            groups[code].append(slug)
    return sorted(groups.items(), key=lambda item: (item[0] == "", country_name(item[0], lang) if item[0] else ""))


def case_card(register: Register, urls: Urls, slug: str, lang: str) -> dict[str, Any]:
    """What one card shows, already cut to fit one page."""
    network, default = register.networks[slug], register.site.default_language
    operators = network.operators[:MAX_OPERATORS]
    cited = _cited_sources(register, network, operators)
    others = [s for s in network.sources if s not in cited]
    shown_sources = cited + others[:max(0, MAX_SOURCES - len(cited))]
    room = max(1, len(operators))
    tactics = [{"slug": t, "name": register.tactics[t].name,
                "check": _shorten(first_check(register.tactics[t].how_to_spot, lang, default), CHECK_CHARS[room], sentences=True)}
               for t in network.tactics]
    codes = killchain_codes()
    return {
        "slug": slug,
        "network": network,
        "permalink": urls.absolute(urls.record("networks", slug, lang)),
        "summary": _shorten(localized(network.summary, lang, default), SUMMARY_CHARS),
        "takedowns": network.takedowns[:MAX_TAKEDOWNS],
        "spend": network.ad_spend[:MAX_SPEND],
        "more_spend": max(0, len(network.ad_spend) - MAX_SPEND),
        "more_takedowns": max(0, len(network.takedowns) - MAX_TAKEDOWNS),
        "removed_kinds": [k for k in ASSET_KINDS if any(getattr(t.removed, k) is not None for t in network.takedowns)],
        "operators": [_operator(register, claim, lang, REPLY_CHARS[room]) for claim in operators],
        "more_operators": max(0, len(network.operators) - MAX_OPERATORS),
        "tactics": tactics[:MAX_TACTICS],
        "more_tactics": len(tactics[MAX_TACTICS:]),
        "more_tactic_names": _shorten((", ".join(localized(t["name"], lang, default)[0] for t in tactics[MAX_TACTICS:]), lang),
                                      MORE_NAMES_CHARS),
        "procedures": [(code, codes.get(code, "")) for code in network.killchain[:MAX_PROCEDURES]],
        "more_procedures": max(0, len(network.killchain) - MAX_PROCEDURES),
        "notes": {source: number for number, source in enumerate(shown_sources, 1)},
        "sources": shown_sources,
        "more_sources": len(network.sources) - len(shown_sources),
    }


def _operator(register: Register, claim, lang: str, reply_chars: int) -> dict[str, Any]:
    """An operator claim with the actor's first reply beside it (right of reply), shortened to fit."""
    actor = register.actors[claim.actor]
    replies = [{"response": r, "summary": _shorten(localized(r.summary, lang, register.site.default_language), reply_chars)}
               for r in actor.responses[:1]]
    role = _shorten(localized(claim.role, lang, register.site.default_language), ROLE_CHARS) if claim.role else None
    return {"claim": claim, "actor": actor, "role": role, "responses": replies,
            "more_responses": max(0, len(actor.responses) - 1)}


def _cited_sources(register: Register, network, operators) -> list[str]:
    """Sources of the card's figures, claims and replies, in the order the card shows them."""
    order: dict[str, None] = {}
    for takedown in network.takedowns[:MAX_TAKEDOWNS]:
        order.setdefault(takedown.source)
    for item in network.ad_spend[:MAX_SPEND]:
        order.setdefault(item.source)
    for claim in operators:
        for source in claim.sources:
            order.setdefault(source)
        for response in register.actors[claim.actor].responses[:1]:
            order.setdefault(response.source)
    return list(order)


def _shorten(text_and_lang: tuple[str, str], limit: int, sentences: bool = False) -> dict[str, str]:
    """Localized text cut at a word boundary, kept as {language: text} so `|t` marks a fallback.

    With `sentences`, text that has a sentence end in the second half of the room is cut
    there instead, whole (a first check reads better as one complete instruction).
    """
    text, lang = text_and_lang
    text = " ".join(text.split())
    if len(text) > limit:
        end = text.rfind(". ", 0, limit)
        if sentences and end > limit // 2:
            return {lang: text[:end + 1]}
        text = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"
    return {lang: text}


def first_check(how_to_spot: dict[str, str], lang: str, default: str) -> tuple[str, str]:
    """The first point of a tactic's 'how to spot it' (its first list item), as plain text."""
    text, shown = localized(how_to_spot, lang, default)
    return _first_point(text), shown


@functools.lru_cache(maxsize=1024)
def _first_point(markdown: str) -> str:
    tokens = _parser().parse(markdown)
    in_item = any(token.type == "list_item_open" for token in tokens)
    depth = 0
    for token in tokens:
        depth += token.type == "list_item_open"
        if token.type == "inline" and (depth or not in_item):
            return "".join(_plain(child) for child in token.children or [])
    return ""


def _plain(token) -> str:
    if token.type in ("softbreak", "hardbreak"):
        return " "
    return token.content if token.type in ("text", "code_inline") else ""


@functools.cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})
