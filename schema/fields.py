"""Field types shared by every record kind, each defined once.

Schema does no IO and knows no other record: a reference type only names the
collection it points into; `pipeline/check.py` resolves it.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Annotated, Any

import pycountry
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 80
_SLUG_RE = re.compile(SLUG_PATTERN)


def is_slug(value: str) -> bool:
    """True for a permanent identifier: lower-case words joined by single hyphens."""
    return len(value) <= SLUG_MAX_LENGTH and bool(_SLUG_RE.match(value))


def not_a_slug(value: str) -> str:
    """What is wrong with a value that is not a slug (the loader words pydantic's pattern error so)."""
    return (f"'{value}' is not a valid slug: use lower-case letters, digits and single "
            f"hyphens, at most {SLUG_MAX_LENGTH} characters (for example 'media-center')")


Slug = Annotated[str, Field(strict=True, pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH)]
"""Checked by pydantic-core itself: a register names some 200,000 slugs."""


# --- references ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Reference:
    """Marks a slug field as pointing into `collection` (optionally of one actor kind).

    Compared and hashed by identity (each is declared once, in the annotations below):
    check looks one up for each of the register's 200,000 references."""

    collection: str
    kind: str | None = None


ActorRef = Annotated[Slug, Reference("actors")]
PlatformRef = Annotated[Slug, Reference("actors", kind="platform")]
ElectionRef = Annotated[Slug, Reference("elections")]
SourceRef = Annotated[Slug, Reference("sources")]
TacticRef = Annotated[Slug, Reference("tactics")]
NetworkRef = Annotated[Slug, Reference("networks")]


# --- partial dates ---------------------------------------------------------


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day: `2021`, `2021-02`, `2021-02-09`."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> "PartialDate":
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(
                f"expected a date such as 2021, 2021-02 or 2021-02-09, found {value!r}"
            )
        return _parse_date(cls, value)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: "PartialDate") -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            lambda value: value if isinstance(value, cls) else cls.parse(value),
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date as precise as the source allows: 2021, 2021-02 or 2021-02-09.",
        }


@functools.lru_cache(maxsize=4096)
def _parse_date(cls: type[PartialDate], value: str | int) -> PartialDate:
    """Parsed once per distinct value (a register repeats its dates; PartialDate is immutable)."""
    match = _DATE_RE.match(str(value).strip())
    if not match:
        raise ValueError(
            f"'{value}' is not a date: write 2021, 2021-02 or 2021-02-09"
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{value}' has no month {month}: months run 01 to 12")
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"'{value}' is not a real date: {calendar.month_name[month]} {year} "
                f"has {last} days"
            )
    return cls(year, month, day)


# --- codes -------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _check_country(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is None or value != value.upper():
        raise ValueError(
            f"'{value}' is not an ISO 3166-1 alpha-2 country code (for example KG, RU, US)"
        )
    return value


@functools.lru_cache(maxsize=None)
def _check_currency(value: str) -> str:
    if pycountry.currencies.get(alpha_3=value) is None or value != value.upper():
        raise ValueError(f"'{value}' is not an ISO 4217 currency code (for example USD, KGS)")
    return value


@functools.lru_cache(maxsize=None)
def _check_language(value: str) -> str:
    if len(value) != 2 or pycountry.languages.get(alpha_2=value) is None:
        raise ValueError(f"'{value}' is not an ISO 639-1 language code (for example en, ru, ky)")
    return value


CountryCode = Annotated[
    str, Field(strict=True, json_schema_extra={"pattern": "^[A-Z]{2}$"}), AfterValidator(_check_country)
]
CurrencyCode = Annotated[
    str, Field(strict=True, json_schema_extra={"pattern": "^[A-Z]{3}$"}), AfterValidator(_check_currency)
]
LanguageCode = Annotated[
    str, Field(strict=True, json_schema_extra={"pattern": "^[a-z]{2}$"}), AfterValidator(_check_language)
]


_HTTP_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+\S*\Z", re.IGNORECASE)


def _check_http_url(value: str) -> str:
    if not _HTTP_URL.match(value):
        raise ValueError(
            f"'{value}' is not an absolute http(s) address: write it in full, "
            "starting with https://"
        )
    return value


HttpUrl = Annotated[
    str,
    Field(strict=True, json_schema_extra={"format": "uri", "pattern": "^https?://"}),
    AfterValidator(_check_http_url),
]

Count = Annotated[int, Field(strict=True, ge=0)]
Amount = Annotated[float, Field(ge=0)]


# --- localized text ----------------------------------------------------------

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _check_no_bidi_controls(text: str) -> str:
    """Reject invisible bidi overrides: they can show a name or a figure reversed on the site."""
    found = None if text.isascii() else _BIDI_CONTROLS.search(text)  # isascii is a fast scan
    if found:
        raise PydanticCustomError(
            "bidi_control",
            "contains the invisible direction control U+{code} at character {at}, which can make "
            "the text display reversed: delete it",
            {"code": f"{ord(found.group()):04X}", "at": found.start() + 1},
        )
    return text


def _text_to_mapping(value: Any, info: ValidationInfo) -> Any:
    """A plain string is in the site's default language."""
    if isinstance(value, str):
        return {default_language(info): value}
    return value


def _check_text(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    default = default_language(info)
    if default not in value:
        raise PydanticCustomError(
            "missing_default_language",
            "has no text in the default language '{default}': add '{default}: ...' "
            "(other languages are optional)",
            {"default": default},
        )
    for code, text in value.items():
        _check_language(code)
        if not text.strip():
            raise PydanticCustomError(
                "empty_text", "the '{code}' text is empty", {"code": code}
            )
        _check_no_bidi_controls(text)
    if len(value) == 1:
        return value  # the common case: only the default language
    return dict(sorted(value.items(), key=lambda item: (item[0] != default, item[0])))


def default_language(info: ValidationInfo) -> str:
    """The site's default language, passed as validation context by the loader."""
    context = info.context or {}
    return context.get("default_language", "en")


_TEXT_JSON_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z]{2}$"},
            "additionalProperties": {"type": "string", "minLength": 1},
        },
    ]
}

Text = Annotated[
    dict[str, Annotated[str, Field(strict=True)]],
    BeforeValidator(_text_to_mapping),
    AfterValidator(_check_text),
    WithJsonSchema(_TEXT_JSON_SCHEMA),
]
"""Plain text: a string in the default language, or {lang: string}."""

Markdown = Annotated[
    dict[str, Annotated[str, Field(strict=True)]],
    BeforeValidator(_text_to_mapping),
    AfterValidator(_check_text),
    WithJsonSchema(_TEXT_JSON_SCHEMA),
]
"""Markdown text (raw HTML is not rendered): a string, or {lang: string}."""

PlainString = Annotated[str, Field(strict=True, min_length=1), AfterValidator(_check_no_bidi_controls)]
