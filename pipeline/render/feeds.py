"""Atom feeds (one per language), the sitemap and robots.txt: absolute URLs from base_url.

Deterministic: entries and URLs are sorted, every date comes from the record's history
(content first, then git), and the feed's own date is the newest entry's.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr
from xml.sax.saxutils import escape as xml_escape

from pipeline.register import Register
from pipeline.render.data import dataset_date
from pipeline.render.environment import make_environment
from pipeline.render.i18n import localized, translations
from pipeline.urls import Urls
from schema.fields import PartialDate

FEED_ENTRIES = 50
"""Newest records per feed; older ones stay in the sitemap and the downloads."""


@dataclass(frozen=True)
class FeedEntry:
    id: str  # the permalink: stable for the life of the record
    title: str
    summary: str
    published: str
    updated: str
    corrections: tuple[tuple[str, str], ...]  # (date, note), newest first


def timestamp(date: PartialDate | None) -> str:
    """An RFC 3339 instant for a partial date: its first day, at midnight UTC."""
    if date is None:
        return "1970-01-01T00:00:00Z"
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def feed_entries(register: Register, urls: Urls, planned: list, lang: str) -> list[FeedEntry]:
    """New and corrected records in `lang`, most recently updated first."""
    fallback = dataset_date(register)
    entries = []
    for page in planned:
        if not page.record or not page.indexed or urls.language_of(page.path) != lang:
            continue
        history = page.context["history"]
        record = register.collection(page.record[0])[page.record[1]]
        updated = history["last"] or fallback
        entries.append((updated.sort_key() if updated else (0, 0, 0), page.path, FeedEntry(
            urls.absolute(page.path), page.title, page.description,
            timestamp(history["first"] or updated), timestamp(updated),
            tuple((str(c.date), localized(c.note, lang, register.site.default_language)[0])
                  for c in sorted(record.corrections, key=lambda c: c.date.sort_key(), reverse=True)))))
    entries.sort(key=lambda item: item[1])
    entries.sort(key=lambda item: item[0], reverse=True)
    return [entry for _key, _path, entry in entries[:FEED_ENTRIES]]


def atom_feeds(register: Register, urls: Urls, planned: list) -> dict[str, bytes]:
    """OUTPUTS row: feed.xml, ru/feed.xml, ...: Atom 1.0."""
    template = make_environment().get_template("feed.xml")
    site = register.site
    outputs = {}
    for lang in urls.languages:
        entries = feed_entries(register, urls, planned, lang)
        newest = max((e.updated for e in entries), default=timestamp(dataset_date(register)))
        outputs[urls.feed(lang)] = template.render(
            lang=lang, entries=entries, updated=newest,
            feed_url=urls.absolute(urls.feed(lang)), home_url=urls.absolute(urls.home(lang)),
            title=localized(site.title, lang, site.default_language)[0],
            subtitle=translations(lang).gettext("New and corrected records"),
            publisher=localized(register.actors[site.publisher].name, lang, site.default_language)[0],
            license=site.license,
        ).encode("utf-8")
    return outputs


def sitemap(register: Register, urls: Urls, planned: list) -> dict[str, bytes]:
    """OUTPUTS row: sitemap.xml, every indexed page with lastmod and its language versions."""
    fallback = dataset_date(register)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in sorted((p for p in planned if p.indexed), key=lambda p: p.path):
        history = page.context.get("history") if page.record else None
        lastmod = (history or {}).get("last") or fallback
        lines.append(f"<url><loc>{xml_escape(urls.absolute(page.path))}</loc>")
        if lastmod:
            lines.append(f"<lastmod>{timestamp(lastmod)[:10]}</lastmod>")
        for code in urls.languages:
            alternate = urls.absolute(urls.in_language(page.path, code))
            lines.append(f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(alternate)}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return {"sitemap.xml": ("\n".join(lines) + "\n").encode("utf-8")}


def robots(register: Register, urls: Urls, planned: list) -> dict[str, bytes]:
    """OUTPUTS row: robots.txt, allowing everything and naming the sitemap."""
    return {"robots.txt": f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('sitemap.xml')}\n".encode("utf-8")}
