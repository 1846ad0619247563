"""Helpers for tests on the built site: parse pages, list links, resolve them on disk."""

from __future__ import annotations

import functools
import multiprocessing
import os
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib


def parse(path: Path):
    """An ElementTree of the page (html5lib: parsed as a browser would)."""
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "pagefind" not in path.parts)


_JOB: tuple = ()


def map_pages(check, pages: list) -> list:
    """[check(page) for page in pages], on every core: html5lib parses a page in ~40 ms, and
    the whole-site checks parse every page. Workers are forked, so `check` may be any function."""
    global _JOB
    if len(pages) < 50 or (os.cpu_count() or 1) < 2:
        return [check(page) for page in pages]
    _JOB = (check, pages)
    try:
        with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
            return pool.map(_check_one, range(len(pages)), chunksize=8)
    finally:
        _JOB = ()


def _check_one(index: int):
    check, pages = _JOB
    return check(pages[index])


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file an internal link points at, and its #anchor; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):
        base = "/register/"
        relative = parts.path[len(base):] if parts.path.startswith(base) else parts.path.lstrip("/")
        target = site / relative
    else:
        target = Path(posixpath.normpath(str(page.parent / unquote(parts.path))))
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def ids_of(tree) -> set[str]:
    return {element.get("id") for element in tree.iter() if element.get("id")}


_BODY_KIND = re.compile(r'<body[^>]*\bclass="[^"]*\bkind-([\w-]+)')


@functools.lru_cache(maxsize=None)
def page_kind(page: Path) -> str:
    """The page kind a template stamps on <body class="kind-...">, '' when there is none.

    Read with a pattern, not a parser: page_types() looks at every page of the site."""
    found = _BODY_KIND.search(page.read_text(encoding="utf-8"))
    return found.group(1) if found else ""


@functools.lru_cache(maxsize=None)
def site_languages(site: Path) -> tuple[str, ...]:
    """The default language first, then each language folder whose home page says it is in it."""
    default = parse(site / "index.html").get("lang")
    others = sorted(folder.name for folder in site.iterdir()
                    if (folder / "index.html").is_file() and parse(folder / "index.html").get("lang") == folder.name)
    return (default, *others)


@functools.lru_cache(maxsize=None)
def _holds_several_pages(folder: Path) -> bool:
    return sum(1 for _ in folder.glob("*/index.html")) > 1


@functools.lru_cache(maxsize=None)
def page_types(site: Path) -> dict[str, Path]:
    """One page of every page type in every language, found in the built site, not listed by hand.

    A type is the body's kind plus, for pages inside a folder of several pages (a collection),
    that folder: keys like 'en/index:networks', 'ru/network:networks', 'ky/free-page', 'en/404'.
    """
    default, *others = site_languages(site)
    chosen: dict[str, Path] = {}
    for page in html_pages(site):
        parts = page.relative_to(site).parts
        lang = parts[0] if parts[0] in others else default
        inner = parts[1:] if lang != default else parts
        folder = page.parents[len(inner) - 2] if len(inner) > 1 else None
        in_collection = folder is not None and _holds_several_pages(folder)
        kind = page_kind(page) or "plain"
        chosen.setdefault(f"{lang}/{kind}:{inner[0]}" if in_collection else f"{lang}/{kind}", page)
    return dict(sorted(chosen.items()))


class _LinkCollector(HTMLParser):
    """Collects ids and link targets fast (html5lib is exact but slow for the whole site)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append((tag, attributes[name], attributes))


def links_and_ids(path: Path) -> tuple[list[tuple[str, str, dict]], set[str]]:
    """(tag, href or src, attributes) of every link on a page, and its element ids."""
    collector = _LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.links, collector.ids
