"""The page a chart is drawn for: its language (for text and numbers) and path (for links)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.register import Register
from pipeline.render import i18n
from pipeline.render.charts.figure import Cell
from pipeline.urls import Urls
from schema.fields import PartialDate


@dataclass(frozen=True)
class View:
    """Register, URLs, language and page path: what every chart builder needs."""

    register: Register
    urls: Urls
    lang: str
    path: str
    _names: dict = field(default_factory=dict, compare=False, repr=False)
    _hrefs: dict = field(default_factory=dict, compare=False, repr=False)
    _cells: dict = field(default_factory=dict, compare=False, repr=False)
    _texts: dict = field(default_factory=dict, compare=False, repr=False)
    """Kept per chart page: the register-wide charts name and link each record, and say
    each label, many times (at 10,000 networks, 240,000 names and 440,000 labels)."""

    def gettext(self, message: str) -> str:
        if message not in self._texts:
            self._texts[message] = i18n.translations(self.lang).gettext(message)
        return self._texts[message]

    def name(self, collection: str, slug: str) -> str:
        """A record's name in the page's language (or the default language)."""
        key = (collection, slug)
        if key not in self._names:
            record = self.register.collection(collection)[slug]
            self._names[key] = i18n.localized(record.name, self.lang, self.register.site.default_language)[0]
        return self._names[key]

    def href(self, collection: str, slug: str) -> str:
        """A link from this page to a record page, for tables and clickable points."""
        key = (collection, slug)
        if key not in self._hrefs:
            self._hrefs[key] = self.urls.relative(self.path, self.urls.record(collection, slug, self.lang))
        return self._hrefs[key]

    def cell(self, collection: str, slug: str) -> Cell:
        """A table cell naming a record and linking to its page (one per record and page:
        render/environment.table_rows writes a cell it has seen once)."""
        key = (collection, slug)
        if key not in self._cells:
            self._cells[key] = Cell(self.name(collection, slug), self.href(collection, slug))
        return self._cells[key]

    def number(self, value: float | int) -> str:
        return i18n.format_number(value, self.lang)

    def money(self, amount: float, currency: str) -> str:
        return i18n.format_money(amount, currency, self.lang)

    def country(self, code: str) -> str:
        return i18n.country_name(code, self.lang)

    def date(self, value: PartialDate) -> str:
        return i18n.format_partial_date(value, self.lang)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return i18n.translations(self.lang).ngettext(singular, plural, n)

    def currency(self, code: str) -> str:
        return i18n.currency_name(code, self.lang)

    def name_text(self, value: dict[str, str] | None) -> str:
        """Localized content text, such as an affiliation's role."""
        return i18n.localized(value, self.lang, self.register.site.default_language)[0]
