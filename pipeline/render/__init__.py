"""Stage 4: Register -> {path: bytes}. Pure: reads templates and static files, writes nothing.

PAGES is the page plan: one row per page kind, in the order they are rendered. Every
other output (record JSON, feeds, downloads, static files) comes from OUTPUTS.
"""

from __future__ import annotations

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


def render_site(register: Register, urls: Urls) -> dict[str, bytes]:
    """Every output file of the site: path -> bytes, deterministic."""
    env = make_environment()
    planned = plan(register, urls)
    outputs: dict[str, bytes] = {}
    for page in planned:
        template = env.get_template(page.template)
        html = template.render(page_context(register, urls, page, planned))
        outputs[urls.file_for(page.path)] = html.encode("utf-8")
    for kind in OUTPUTS:
        outputs.update(kind(register, urls, planned))
    return dict(sorted(outputs.items()))


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
