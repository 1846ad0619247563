"""What the site is made of: PAGES (one row per HTML page kind, in the order they are
rendered) and OUTPUTS (every other file: static files, downloads, feeds). A page's
companion files (its citation formats, its record's JSON) are made with it
(render/companions.py).
"""

from __future__ import annotations

from typing import Callable, Iterable

from pipeline import search
from pipeline.register import Register
from pipeline.render import assets, cards, changes, charts, downloads, feeds, pages
from pipeline.render.pages import PageData
from pipeline.urls import Urls

PageKind = Callable[[Register, Urls, str], Iterable[PageData]]

PAGES: list[PageKind] = [
    pages.home,
    pages.network_index,
    pages.network_pages,
    pages.actor_index,
    pages.actor_pages,
    pages.election_index,
    pages.election_pages,
    pages.tactic_index,
    pages.tactic_pages,
    pages.source_index,
    pages.source_pages,
    pages.free_pages,
    charts.chart_pages,
    downloads.data_page,
    changes.corrections_page,
    search.search_page,
    cards.card_index,
    cards.card_pages,
    cards.card_decks,
    pages.not_found,
    pages.redirects,
]

OutputKind = Callable[[Register, Urls, list[PageData]], dict[str, bytes]]

OUTPUTS: list[OutputKind] = [
    assets.static_files,
    charts.plotly_js,
    downloads.downloads,
    feeds.atom_feeds,
    feeds.sitemap,
    feeds.robots,
]


OfflineListing = tuple[str, int]
"""(path, byte size) of the classroom zip when the build publishes one, for /data/ to list."""


def plan(register: Register, urls: Urls, offline_copy: OfflineListing | None = None) -> list[PageData]:
    """Every HTML page of every language, in a stable order."""
    return [page for lang in urls.languages for kind in PAGES
            for page in pages_of(kind, register, urls, lang, offline_copy)]


def pages_of(kind: PageKind, register: Register, urls: Urls, lang: str,
             offline_copy: OfflineListing | None) -> Iterable[PageData]:
    """One PAGES row's pages in one language (only /data/ needs to know of the offline copy)."""
    if kind is downloads.data_page:
        return kind(register, urls, lang, offline_copy)
    return kind(register, urls, lang)
