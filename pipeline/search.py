"""Full-text and faceted search: what each record page tells Pagefind, the /search/ page, the index.

Record pages carry their filter values, meta and sort keys as `data-pagefind-*` attributes
(from `record_keys`); `index_site` runs the Pagefind binary over the staged site before the
swap, so each language gets its own index. The /search/ page lists every filter value
with its count, so its checkboxes are plain HTML and the URL (`?q=...&country=KG`) is
simply the form's own query string.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from babel import Locale

from pipeline.register import Register
from pipeline.searchglob import BuiltPages, searchable_glob
from pipeline.urls import COLLECTION_PATHS, Urls

# pipeline.render imports this module (record pages carry search keys): render is imported late.

FACETS = ("collection", "country", "origin", "target", "platform", "year", "election", "status", "kind",
          "confidence")
"""Filter names, in the order the search page shows them; each is also a URL parameter."""

SORTS = ("date", "accounts")
"""Sort keys besides relevance; also the values of the `sort` URL parameter."""

NEWEST_FIRST = ("year",)
"""Facets whose values are listed newest first rather than most frequent first."""


class SearchIndexFailed(RuntimeError):
    """Pagefind could not index the staged site: the old site stays in place."""


@dataclass(frozen=True)
class SearchKeys:
    """What one record page tells Pagefind beyond its text: filters, a date and sort keys."""

    filters: tuple[tuple[str, str], ...] = ()
    date: Any = None  # PartialDate shown with the result and used to sort
    sort: tuple[tuple[str, str], ...] = field(default=())


def record_keys(register: Register, collection: str, slug: str, record: Any) -> SearchKeys:
    """Filter values and sort keys for one record's page (the same in every language)."""
    filters: list[tuple[str, str]] = [("collection", collection)]
    date = None
    if collection == "networks":
        facts = register.facts[slug]
        date = facts.first_date
        filters += [("country", c) for c in sorted(set(record.origin) | set(record.targets))]
        filters += [("origin", c) for c in record.origin] + [("target", c) for c in record.targets]
        filters += [("platform", p) for p in facts.platforms] + [("election", e) for e in record.elections]
        filters += [("status", record.status)]
        filters += [("confidence", c) for c in sorted({claim.confidence for claim in record.operators})]
    elif collection == "actors":
        filters += [("country", record.country)] if record.country else []
        filters += [("kind", record.kind)]
        operated = {link.claim.confidence for link in register.links_to_actor(slug, "operator")}
        filters += [("confidence", c) for c in sorted(operated)]
    elif collection == "elections":
        date = record.date
        filters += [("country", record.country)]
    elif collection == "sources":
        date = record.published
    if date is not None:
        filters.append(("year", str(date.year)))
    sort = [("date", _sortable_date(date))] if date is not None else []
    if collection == "networks":
        sort.append(("accounts", str(register.facts[slug].accounts)))
    return SearchKeys(tuple(dict.fromkeys(filters)), date, tuple(sort))


def _sortable_date(date: Any) -> str:
    """'2020-10-00' for October 2020: sorts as text and as a number (20201000) alike."""
    year, month, day = date.sort_key()
    return f"{year:04d}{month:02d}{day:02d}"


def facet_values(register: Register) -> list[tuple[str, list[tuple[str, int]]]]:
    """Every filter with its values and how many records carry each, in display order."""
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for collection in COLLECTION_PATHS:
        for slug, record in register.collection(collection).items():
            for name, value in record_keys(register, collection, slug, record).filters:
                counts[name][value] += 1
    ordered = []
    for name in FACETS:
        if not counts[name]:
            continue
        if name in NEWEST_FIRST:
            values = sorted(counts[name].items(), reverse=True)
        else:
            values = sorted(counts[name].items(), key=lambda item: (-item[1], item[0]))
        ordered.append((name, values))
    return ordered


def plural_messages(lang: str, singular: str, plural: str) -> dict[str, str]:
    """A translated plural message per CLDR category ('one', 'few', ...), for Intl.PluralRules in JS."""
    from pipeline.render.i18n import translations

    plural_form = Locale.parse(lang).plural_form
    samples: dict[str, int] = {}
    for n in range(0, 200):
        samples.setdefault(plural_form(n), n)
    return {category: translations(lang).ngettext(singular, plural, n) for category, n in sorted(samples.items())}


def search_page(register: Register, urls: Urls, lang: str) -> Iterator:
    """/search/ in every language: the form, its filters and the fallback for when search can't run."""
    from pipeline.render.i18n import translations
    from pipeline.render.pages import PageData

    gettext = translations(lang).gettext
    results = plural_messages(lang, "%(num)d result", "%(num)d results")
    yield PageData(urls.section("search", lang), "pages/search.html", gettext("Search"),
                   gettext("Search every network, person, organisation, election, tactic and source in the register."),
                   {"facets": facet_values(register), "sorts": SORTS, "result_messages": results,
                    "bundle": urls.search_bundle()},
                   kind="search", indexed=False)


def pagefind_binary() -> Path:
    """The Pagefind executable shipped in the pinned `pagefind[bin]` wheel."""
    from pagefind_bin import get_executable

    return get_executable()


UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                       "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
"""Pagefind's stock UIs (about 420 KB): our own UI in static/js/search.js replaces them."""


def index_site(site_dir: Path, built: BuiltPages | None = None) -> None:
    """Build the Pagefind index (one per page language) into `site_dir`/pagefind/.

    Pagefind is pointed at the pages it indexes (pipeline/searchglob.py): the same index,
    without parsing every case card, the deck and the charts page only to leave them out.
    `built`, from the build that staged the site, names them without reading the site."""
    command = [str(pagefind_binary()), "--site", str(site_dir), "--output-subdir", "pagefind"]
    glob = searchable_glob(Path(site_dir), built)
    if glob:
        command += ["--glob", glob]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexFailed(f"Pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    for name in UNUSED_BUNDLE_FILES:
        (Path(site_dir) / "pagefind" / name).unlink(missing_ok=True)
