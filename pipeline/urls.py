"""Every permalink and relative URL, in one place.

A page's *path* is site-relative and ends in '/' ("ru/networks/kg-media-center-2020/");
its file is that path plus index.html. Links between pages are relative, so the built
site works from any sub-path; the offline bundle points links at index.html files.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

COLLECTION_PATHS = ("networks", "actors", "elections", "tactics", "sources")
SITE_SECTIONS = ("charts", "search", "data", "cards", "corrections")
RESERVED_TOP_LEVEL = frozenset(
    COLLECTION_PATHS + SITE_SECTIONS
    + ("static", "pagefind", "feed.xml", "sitemap.xml", "robots.txt", "404.html", "index.html",
       "en", "ru", "ky")
)


@dataclass(frozen=True)
class Urls:
    """Paths for one site: its base URL and languages (the first is served at /)."""

    base_url: str
    languages: tuple[str, ...]
    offline: bool = False

    @property
    def default_language(self) -> str:
        return self.languages[0]

    # --- site-relative paths -------------------------------------------------

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_language else f"{lang}/"

    def home(self, lang: str) -> str:
        return self.prefix(lang)

    def section(self, name: str, lang: str) -> str:
        """An index or site page: networks/, charts/, data/, ..."""
        return f"{self.prefix(lang)}{name}/"

    def record(self, collection: str, slug: str, lang: str) -> str:
        return f"{self.prefix(lang)}{collection}/{slug}/"

    def page(self, slug: str, lang: str) -> str:
        return f"{self.prefix(lang)}{slug}/"

    def record_json(self, collection: str, slug: str) -> str:
        """Machine-readable record: one per record, not per language."""
        return f"{collection}/{slug}.json"

    def static(self, name: str) -> str:
        return f"static/{name}"

    def data_file(self, name: str) -> str:
        return f"data/{name}"

    def search_bundle(self, name: str = "pagefind.js") -> str:
        """A file of the Pagefind search index, written at the site root by the build."""
        return f"pagefind/{name}"

    def feed(self, lang: str) -> str:
        return f"{self.prefix(lang)}feed.xml"

    def card(self, slug: str, lang: str) -> str:
        """A network's printable case card (one A4 page)."""
        return f"{self.prefix(lang)}cards/{slug}/"

    def deck(self, lang: str) -> str:
        """Every case card of one language in one file, to print the whole deck at once."""
        return f"cards-{lang}.html"

    def file_for(self, path: str) -> str:
        """The file that serves a path: directories get index.html."""
        return path + "index.html" if path == "" or path.endswith("/") else path

    def in_language(self, path: str, lang: str) -> str:
        """The same page in another language."""
        for code in self.languages:
            if code != self.default_language and path.startswith(f"{code}/"):
                path = path[len(code) + 1:]
                break
        return self.prefix(lang) + path

    def language_of(self, path: str) -> str:
        first = path.split("/", 1)[0]
        return first if first in self.languages and first != self.default_language else self.default_language

    # --- links -----------------------------------------------------------------

    def relative(self, from_path: str, to_path: str) -> str:
        """A relative link from the page at `from_path` to `to_path` (both site-relative)."""
        anchor = ""
        if "#" in to_path:
            to_path, anchor = to_path.split("#", 1)
            anchor = "#" + anchor
        if from_path == "404.html":  # served at any depth: links must not be relative
            return self.base_path() + (self.file_for(to_path) if self.offline else to_path) + anchor
        from_dir = from_path if from_path.endswith("/") or from_path == "" else posixpath.dirname(from_path) + "/"
        target = self.file_for(to_path) if self.offline else to_path
        return _relative_link(from_dir, target) + anchor

    def content_link(self, link: str) -> str:
        """A relative link written in content markdown, as this site needs it.

        Offline (opened from disk) a browser shows a folder listing for `../x/`, so folder
        links point at their index.html; external links, anchors and file links stay as written.
        """
        if not self.offline or link.startswith(("/", "#")) or ":" in link.split("/", 1)[0]:
            return link
        path, hash_mark, anchor = link.partition("#")
        if path in (".", "..") or path.endswith("/"):
            path = path.rstrip("/") + "/index.html"
        return path + hash_mark + anchor

    def absolute(self, path: str) -> str:
        return self.base_url + path

    def base_path(self) -> str:
        """The path part of base_url ('/register/'), for pages served at any depth (404)."""
        rest = self.base_url.split("://", 1)[1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


@functools.lru_cache(maxsize=65536)
def _relative_link(from_dir: str, target: str) -> str:
    """'../b/' from 'networks/a/' to 'networks/b/': up to the common folder, then down."""
    here = [part for part in from_dir.split("/") if part]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    link = "../" * (len(here) - common) + "/".join(there[common:])
    return link or "./"
