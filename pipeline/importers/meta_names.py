"""What a Meta threat-research file name says: reporting period, origin, targets, number.

Upstream names are inconsistent ('Q1_2023_ Togo _ Burkina Faso-based_CIB_network.csv',
'Q2_2024_RUSSIA-BASED CIB NETWORK #1 .csv', 'Q4-1_2026_GithubIOCs - H1_2026_...',
'meta-h2-2025-moldova-based-cib-network.md'), so each is folded to lower-case words
first. A name gives origin ('moldova_based') or, rarely, targets
('moldova_and_madagascar_targeting'); nothing else is read into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from pipeline.importers.countries import country_code, fold, short_name

_PERIOD_RE = re.compile(r"^(?:meta_)?(?P<span>q\d(?:_\d)?|h\d)_(?P<year>\d{4})_(?P<rest>.+)$")
_ROLE_RE = re.compile(r"^(?P<places>.+?)_(?P<role>based|targeting)_(?P<kind>.+)$")
_NUMBER_RE = re.compile(r"(?:^|_)(?:no|cs)?(?P<number>\d+)$")


@dataclass(frozen=True)
class FileName:
    """The facts one file name gives."""

    year: int
    period: str
    """As Meta labels it: 'Q3 2024', 'Q2-Q3 2025', 'H1 2026'."""
    period_slug: str
    """For slugs: 'q3', 'q2-q3', 'h1'."""
    origin: tuple[str, ...]
    targets: tuple[str, ...]
    label: str
    """The places, as a slug fragment: 'moldova', 'togo-burkina-faso'."""
    number: int
    """The network's number in the name ('_2', '#2', 'CS2'), 0 when there is none."""
    codename: str | None
    """A name Meta gives the operation in the file name ('Doppelganger')."""

    @property
    def group(self) -> tuple[int, str, str]:
        """Networks sharing year, period and places are numbered within their group."""
        return (self.year, self.period_slug, self.label)


def words(name: str) -> str:
    """'Q2_2024_RUSSIA-BASED CIB NETWORK #1 .csv' -> 'q2_2024_russia_based_cib_network_no1'."""
    stem = PurePosixPath(name).stem if "." in PurePosixPath(name).name else name
    text = fold(stem).replace("#", "no").replace("&", "and")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def parse_file_name(upstream_path: str) -> FileName | str:
    """The facts in a file name, or a message saying why it could not be read."""
    text = words(PurePosixPath(upstream_path).name)
    if "_githubiocs_" in text:  # 'q4_1_2026_githubiocs_h1_2026_china_...': the inner name is the report's
        text = text.split("_githubiocs_", 1)[1]
    match = _PERIOD_RE.match(text)
    if not match:
        return "the file name does not start with a reporting period such as 'Q3_2024' or 'H1_2026'"
    span, year, rest = match["span"], int(match["year"]), match["rest"]
    role = _ROLE_RE.match(rest)
    if not role:
        return "the file name names no '<country>-based' or '<country>-targeting' network"
    places = _places(role["places"].split("_"))
    if isinstance(places, str):
        return places
    codename, countries = places
    number = _NUMBER_RE.search(role["kind"])
    is_origin = role["role"] == "based"
    return FileName(
        year=year,
        period=_period_label(span, year),
        period_slug=span.replace("_", "-q") if span.startswith("q") else span,
        origin=countries if is_origin else (),
        targets=() if is_origin else countries,
        label=("" if is_origin else "targeting-") + "-".join(_slug_word(short_name(c)) for c in countries),
        number=int(number["number"]) if number else 0,
        codename=codename,
    )


def _slug_word(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _period_label(span: str, year: int) -> str:
    """'q2_3' -> 'Q2-Q3 2025'; 'h1' -> 'H1 2026'."""
    return span.upper().replace("_", "-Q") + f" {year}"


def _places(tokens: list[str]) -> tuple[str | None, tuple[str, ...]] | str:
    """Countries in the order named, after an optional code name ('doppelganger', 'russia')."""
    countries: list[str] = []
    leading: list[str] = []
    index = 0
    while index < len(tokens):
        if tokens[index] == "and":
            index += 1
            continue
        end, code = _longest_country(tokens, index)
        if code:
            countries.append(code)
            index = end
        elif not countries:
            leading.append(tokens[index])
            index += 1
        else:
            return f"'{tokens[index]}' in the file name is not a country name"
    if not countries:
        return f"no country name in '{' '.join(tokens)}'"
    codename = " ".join(leading).title() if leading else None
    return codename, tuple(dict.fromkeys(countries))


def _longest_country(tokens: list[str], start: int) -> tuple[int, str | None]:
    for end in range(len(tokens), start, -1):
        code = country_code(" ".join(tokens[start:end]))
        if code:
            return end, code
    return start, None
