"""What changed in the register: the public corrections log across every record.

Dates come from the content (`corrections:`), never from the clock; the list is newest
first, then by collection and slug, so it is stable between builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from pipeline.register import Register
from pipeline.render.data import RECORD_COLLECTIONS
from pipeline.render.i18n import localized, translations
from pipeline.render.pages import PageData
from pipeline.urls import Urls
from schema.fields import PartialDate


@dataclass(frozen=True)
class Correction:
    """One public correction, with the record it belongs to."""

    date: PartialDate
    collection: str
    slug: str
    title: str  # the record's name in the page's language (or its fallback)
    note: dict[str, str]


def record_title(register: Register, collection: str, slug: str, lang: str) -> str:
    """A record's name as a plain string in `lang`; sources have a single title."""
    record = register.collection(collection)[slug]
    if hasattr(record, "name"):
        return localized(record.name, lang, register.site.default_language)[0]
    return record.title


def corrections(register: Register, lang: str) -> list[Correction]:
    """Every correction of every record, newest first."""
    found = [Correction(c.date, collection, slug, record_title(register, collection, slug, lang), c.note)
             for collection in RECORD_COLLECTIONS
             for slug, record in register.collection(collection).items()
             for c in record.corrections]
    found.sort(key=lambda c: (c.collection, c.slug))
    return sorted(found, key=lambda c: c.date.sort_key(), reverse=True)


def corrections_page(register: Register, urls: Urls, lang: str) -> Iterator[PageData]:
    """PAGES row: /corrections/, the corrections log of the whole register."""
    gettext = translations(lang).gettext
    yield PageData(urls.section("corrections", lang), "pages/corrections.html", gettext("Corrections"),
                   gettext("Every correction made to the register, newest first."),
                   {"corrections": corrections(register, lang)}, kind="corrections")
