"""Helpers for tests on the built site: parse pages, list links, resolve them on disk."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib


def parse(path: Path):
    """An ElementTree of the page (html5lib: parsed as a browser would)."""
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "pagefind" not in path.parts)


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
