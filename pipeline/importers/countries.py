"""Country names as Meta writes them -> ISO 3166-1 alpha-2 codes, and back to short names.

Only exact names count (pycountry's name, common name or official name, plus the short
forms Meta uses such as "Russia" or "US"): a region such as "Sub-Saharan Africa" is not
a country, and nothing is guessed from a near match.
"""

from __future__ import annotations

import functools
import unicodedata

import pycountry

_ALIASES = {
    "russia": "RU",
    "turkiye": "TR",
    "turkey": "TR",
    "us": "US",
    "usa": "US",
    "united states of america": "US",
    "uk": "GB",
    "syria": "SY",
    "south korea": "KR",
    "north korea": "KP",
    "laos": "LA",
}

_SHORT_NAMES = {
    "RU": "Russia",
    "TR": "Türkiye",
    "US": "United States",
    "GB": "United Kingdom",
    "IR": "Iran",
    "MD": "Moldova",
    "VN": "Vietnam",
    "VE": "Venezuela",
    "TW": "Taiwan",
    "SY": "Syria",
    "KR": "South Korea",
    "KP": "North Korea",
    "LA": "Laos",
    "BO": "Bolivia",
    "TZ": "Tanzania",
    "CD": "Democratic Republic of the Congo",
}


def fold(text: str) -> str:
    """Lower-case ASCII: 'Türkiye' and 'turkiye' are the same word."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip()


@functools.cache
def _names() -> dict[str, str]:
    found = dict(_ALIASES)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                found.setdefault(fold(value), country.alpha_2)
    return found


def country_code(name: str) -> str | None:
    """The alpha-2 code of a country name ('Moldova' -> 'MD'), or None if it names no country."""
    return _names().get(fold(name))


def short_name(code: str) -> str:
    """The name a reader expects ('Russia', not 'Russian Federation')."""
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name
