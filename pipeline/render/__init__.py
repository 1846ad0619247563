"""Stage 4: Register -> {path: bytes}. Pure: reads templates and static files, writes nothing.

PAGES is the page plan: one row per page kind, in the order they are rendered. Every
other output (record JSON, feeds, downloads, static files) comes from OUTPUTS.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Callable, Iterable

from pipeline.register import Register
from pipeline.render import assets, charts, citations, data, pages
from pipeline.render import cards, changes, downloads, feeds
from pipeline.render.environment import make_environment
from pipeline.render.i18n import language_autonym
from pipeline.render.pages import PageData
from pipeline import search
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
    data.record_json,
    citations.citation_files,
    charts.plotly_js,
    downloads.downloads,
    feeds.atom_feeds,
    feeds.sitemap,
    feeds.robots,
]


def plan(register: Register, urls: Urls) -> list[PageData]:
    """Every HTML page of every language, in a stable order."""
    planned = []
    for lang in urls.languages:
        for kind in PAGES:
            planned.extend(kind(register, urls, lang))
    return planned


PARALLEL_FROM_PAGES = 600
"""Below this many pages, starting worker processes costs more than it saves."""


def render_site(register: Register, urls: Urls) -> dict[str, bytes]:
    """Every output file of the site: path -> bytes, deterministic."""
    planned = plan(register, urls)
    outputs = render_pages(register, urls, planned)
    for kind in OUTPUTS:
        outputs.update(kind(register, urls, planned))
    return dict(sorted(outputs.items()))


def render_pages(register: Register, urls: Urls, planned: list[PageData]) -> dict[str, bytes]:
    """The HTML of every planned page, on every core when there are many.

    Workers are forked, so they share the Register and the compiled templates without
    copying; each renders every n-th page and the results merge by path, so the output
    does not depend on which worker rendered what.
    """
    env = make_environment()
    for name in sorted({page.template for page in planned}):
        env.get_template(name)  # compile once, before forking
    workers = _worker_count(len(planned))
    if workers == 1:
        return _render_shard(env, register, urls, planned, 0, 1)
    global _FORKED
    _FORKED = (env, register, urls, planned)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shards = pool.starmap(_render_forked_shard, [(index, workers) for index in range(workers)])
    finally:
        _FORKED = None
    return {path: html for shard in shards for path, html in shard.items()}


_FORKED: tuple | None = None


def _render_forked_shard(index: int, count: int) -> dict[str, bytes]:
    return _render_shard(*_FORKED, index, count)


def _render_shard(env, register: Register, urls: Urls, planned: list[PageData], index: int,
                  count: int) -> dict[str, bytes]:
    rendered = {}
    for page in planned[index::count]:
        html = env.get_template(page.template).render(page_context(register, urls, page, planned))
        rendered[urls.file_for(page.path)] = html.encode("utf-8")
    return rendered


def _worker_count(pages: int) -> int:
    if pages < PARALLEL_FROM_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), 8))


def page_context(register: Register, urls: Urls, page: PageData, planned: list[PageData] | None = None) -> dict:
    """What every template sees, plus the page's own context."""
    lang = page.context.get("lang") or (  # a page outside the language folders says its own (cards-ru.html)
        urls.language_of(page.path) if page.path != "404.html" else urls.default_language)
    alternates = [(code, language_autonym(code), urls.in_language(page.path, code))
                  for code in urls.languages] if page.path != "404.html" else []
    return {
        **page.context,
        "site": register.site,
        "register": register,
        "urls": urls,
        "lang": lang,
        "default_lang": urls.default_language,
        "path": page.path,
        "page": page,
        "canonical": urls.absolute(page.path),
        "alternates": alternates,
    }
