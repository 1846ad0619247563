"""Languages: UI translations, localized content text, dates, numbers and names (Babel).

UI strings live in Babel catalogs, locales/<lang>/LC_MESSAGES/messages.po; they are
compiled in memory at build time, so no .mo file is ever committed or written.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import io
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import Translations

from schema.fields import PartialDate

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"

# The register's own spelling where Babel's CLDR data differs: Babel and pycountry say
# «Киргизия» / «киргизский» in Russian; the country calls itself Кыргызстан, and its
# language and currency are «кыргызский» (Kyrgyz data already says Кыргызстан, кыргызча).
COUNTRY_NAME_OVERRIDES = {
    ("KG", "ru"): "Кыргызстан",
}
LANGUAGE_NAME_OVERRIDES = {
    ("ky", "ru"): "кыргызский",
}
CURRENCY_NAME_OVERRIDES = {
    ("KGS", "ru"): "кыргызский сом",
}

# Babel (CLDR) has Kyrgyz dates, numbers, currency patterns and names; a locale without
# some of these falls back to Russian, the other language every reader here knows.
FALLBACK_LOCALE = "ru"


@functools.cache
def locale(code: str) -> Locale:
    """Babel's locale data, parsed once per language (parsing is costly on every page; Babel's
    formatters given a code parse it on every call, twice as slow as the formatting)."""
    return Locale.parse(code)


@functools.cache
def translations(lang: str, locales_dir: Path = LOCALES_DIR) -> gettext.NullTranslations:
    """The UI catalog for `lang`; English is the source language and needs none."""
    po_file = locales_dir / lang / "LC_MESSAGES" / "messages.po"
    if not po_file.is_file():
        return gettext.NullTranslations()
    with open(po_file, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def localized(text: dict[str, str] | None, lang: str, default: str) -> tuple[str, str]:
    """(text, language it is in): the page's language, else the default, else any given."""
    if not text:
        return "", lang
    found = text.get(lang)
    if found:
        return found, lang  # the common case, without building the fallback order
    for code in (default, *text):
        if text.get(code):
            return text[code], code
    return "", lang


def format_partial_date(value: PartialDate | None, lang: str) -> str:
    """A date only as precise as it is known: '2021', 'January 2021', '12 January 2021'."""
    if value is None:
        return ""
    return _format_date(value.year, value.month, value.day, value.precision, lang)


@functools.lru_cache(maxsize=65536)
def _format_date(year: int, month: int | None, day: int | None, precision: str, lang: str) -> str:
    """Cached: a register repeats few dates on many pages, and Babel formatting is slow."""
    if precision == "year":
        return str(year)
    if precision == "month":
        return format_skeleton("yMMMM", datetime.date(year, month, 1), locale=locale(lang))
    return format_date(datetime.date(year, month, day), "long", locale=locale(lang))


def format_period(text: str, lang: str) -> str:
    """A platform's reporting period: 'December 2020' in the page's language; other forms as written."""
    words = text.split()
    months = {name: number for number, name in locale("en").months["format"]["wide"].items()}
    if len(words) == 2 and words[0] in months and words[1].isdigit():
        return format_skeleton("yMMMM", datetime.date(int(words[1]), months[words[0]], 1), locale=locale(lang))
    return text


@functools.lru_cache(maxsize=65536)
def format_number(value: float | int, lang: str) -> str:
    return format_decimal(value, locale=locale(lang))


@functools.lru_cache(maxsize=65536)
def format_money(amount: float, currency: str, lang: str) -> str:
    """Amount in its own currency, never converted; whole amounts without decimals."""
    pattern = None
    if float(amount).is_integer():
        pattern = locale(lang).currency_formats["standard"].pattern.replace(".00", "").replace(",00", "")
    return format_currency(amount, currency, format=pattern, locale=locale(lang), currency_digits=pattern is None)


def country_name(code: str, lang: str) -> str:
    if (code, lang) in COUNTRY_NAME_OVERRIDES:
        return COUNTRY_NAME_OVERRIDES[(code, lang)]
    return _names(lang, "territories").get(code, code)


def language_name(code: str, lang: str) -> str:
    if (code, lang) in LANGUAGE_NAME_OVERRIDES:
        return LANGUAGE_NAME_OVERRIDES[(code, lang)]
    return _names(lang, "languages").get(code, code)


def language_autonym(code: str) -> str:
    """A language's name in itself, for the language switcher."""
    name = language_name(code, code)
    return name[:1].upper() + name[1:]


def currency_name(code: str, lang: str) -> str:
    if (code, lang) in CURRENCY_NAME_OVERRIDES:
        return CURRENCY_NAME_OVERRIDES[(code, lang)]
    return _names(lang, "currencies").get(code, code)


@functools.cache
def _names(lang: str, kind: str) -> dict[str, str]:
    """CLDR display names of one kind in `lang`, filled from the fallback locale where missing."""
    names = dict(getattr(locale(FALLBACK_LOCALE), kind)) if lang != "en" else {}
    names.update(getattr(locale(lang), kind))
    return names
