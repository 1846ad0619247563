"""Meta's figures in words -> numbers: removal counts, followers, ad spend.

Meta writes the same facts in a few fixed phrasings, in the CSV cells and in the network
summaries alike ("7 accounts", "About 6,300 accounts followed one or more of these Pages",
"around $300 in spending for ads on Facebook and Instagram"). Only those phrasings are
read; anything else is returned as a message for the import report, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

APPROXIMATE_WORDS = ("about", "around", "approximately", "roughly")
"""Words that make a figure `approximate: true`."""
_BOUND_WORDS = ("less than", "fewer than", "more than", "over", "under", "nearly", "almost", "up to")
"""Words that make a figure a bound: not a count, so it is left out and reported."""

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_QUALIFIER = "|".join(APPROXIMATE_WORDS + _BOUND_WORDS)
_COUNT_CELL_RE = re.compile(
    r"^(?P<n>\d[\d,]*)\s+(?:(?:facebook|instagram)\s+)?(?P<kind>ac+ounts?|pages?|groups?)\s*\.?$", re.I
)
_REMOVAL_SENTENCE_RE = re.compile(r"\b(?:removed|actioned|took down)\s+(?P<list>[^.]*?\d[^.]*?)(?:\s+for\b|\.)", re.I)
_REMOVAL_ITEM_RE = re.compile(r"(?P<n>\d[\d,]*)\s+(?P<what>Facebook accounts?|Instagram accounts?|Pages?|Groups?)", re.I)
_AUDIENCE_RE = re.compile(
    rf"(?:\b(?P<q>{_QUALIFIER})\s+)?(?P<n>{_NUMBER}|no)\s*(?P<m>million|thousand)?\s+(?:accounts?|users?|people)\s+"
    r"(?:followed|joined)\s+(?:one or more of\s+)?(?:these|this|the)\s+(?P<what>Instagram accounts?|Pages?|Groups?)",
    re.I,
)
_MONEY_RE = re.compile(
    rf"(?:\b(?P<q>{_QUALIFIER})\s+)?(?:(?:US)?\$\s?(?P<n>{_NUMBER})|(?P<n2>{_NUMBER})\s*(?P<code>USD|EUR|GBP))"
    r"\s*(?P<m>million|thousand)?",
    re.I,
)
_AD_PLATFORMS_RE = re.compile(r"\bads?(?: spend)? on (?P<where>Facebook and Instagram|Facebook|Instagram)\b", re.I)
_NO_AD_SPEND_RE = re.compile(r"\bno ad spend\b|did not engage in paid advertising|\bno spend", re.I)


@dataclass(frozen=True)
class AssetCount:
    """What a platform removed, in one of its own figures: `facebook pages 23`."""

    platform: str
    kind: str
    count: int


@dataclass(frozen=True)
class AudienceFigure:
    platform: str
    metric: str
    count: int
    approximate: bool


@dataclass(frozen=True)
class AdSpendFigure:
    platforms: tuple[str, ...]
    """Where the ads ran, as stated: ('facebook',), ('facebook', 'instagram') or ()."""
    amount: float
    currency: str
    approximate: bool
    words: str
    """Meta's sentence, kept for the record's body when no single platform is named."""


_AUDIENCE_METRICS = {
    "page": ("facebook", "page-followers"),
    "group": ("facebook", "group-members"),
    "instagram account": ("instagram", "account-followers"),
}


def asset_count(cell: str, platform: str) -> AssetCount | str | None:
    """'23 Pages ' -> AssetCount; a URL -> None (an indicator, not a count); else a message."""
    text = cell.strip()
    if not text or _is_indicator(text):
        return None
    match = _COUNT_CELL_RE.match(text)
    if not match:
        return f"could not read an asset count from '{_clip(text)}' (expected e.g. '23 Pages')"
    kind = match["kind"].lower()
    kind = "accounts" if kind.startswith("ac") else kind if kind.endswith("s") else kind + "s"
    return AssetCount(platform, kind, _whole(match["n"]))


def removal_counts(text: str) -> list[AssetCount]:
    """'we removed 15 Facebook accounts, 6 Pages, ... and 4 Instagram accounts' -> counts."""
    found: list[AssetCount] = []
    for sentence in _REMOVAL_SENTENCE_RE.finditer(text):
        for item in _REMOVAL_ITEM_RE.finditer(sentence["list"]):
            what = item["what"].lower().rstrip("s")
            platform = "instagram" if what.startswith("instagram") else "facebook"
            kind = {"page": "pages", "group": "groups"}.get(what, "accounts")
            found.append(AssetCount(platform, kind, _whole(item["n"])))
    return found


def audience_figures(text: str) -> tuple[list[AudienceFigure], list[str]]:
    """Follower and member figures in a text, and messages for bounds ('less than 100')."""
    figures, notes = [], []
    for match in _AUDIENCE_RE.finditer(text):
        qualifier = (match["q"] or "").lower()
        what = match["what"].lower().rstrip("s")
        if qualifier in _BOUND_WORDS:
            notes.append(f"'{_clip(match.group(0))}' is a bound, not a figure: left out")
            continue
        count = 0 if match["n"].lower() == "no" else _scaled(match["n"], match["m"])
        platform, metric = _AUDIENCE_METRICS[what]
        figures.append(AudienceFigure(platform, metric, count, qualifier in APPROXIMATE_WORDS))
    return figures, notes


def ad_spend(text: str) -> AdSpendFigure | str | None:
    """The ad spend stated in a text; None if it states none; a message if unreadable."""
    if _NO_AD_SPEND_RE.search(text) or not re.search(r"\bads?\b|\bspen[dt]", text, re.I):
        return None
    match = _MONEY_RE.search(text)
    if not match:
        return f"could not read an amount from '{_clip(text)}'"
    qualifier = (match["q"] or "").lower()
    if qualifier in _BOUND_WORDS:
        return f"'{_clip(match.group(0))}' is a bound, not an amount: left out"
    where = _AD_PLATFORMS_RE.search(text)
    platforms = tuple(sorted(p.strip().lower() for p in where["where"].split(" and "))) if where else ()
    return AdSpendFigure(
        platforms=platforms,
        amount=float(_scaled(match["n"] or match["n2"], match["m"])),
        currency=(match["code"] or "USD").upper(),  # Meta's '$' is the US dollar
        approximate=qualifier in APPROXIMATE_WORDS,
        words=" ".join(text.split()),
    )


def _is_indicator(text: str) -> bool:
    return bool(re.search(r"\[\.\]|https?://|hxxps?://|www\.", text, re.I))


def _whole(number: str) -> int:
    return int(number.replace(",", ""))


def _scaled(number: str, multiplier: str | None) -> int:
    """'1.9' 'million' -> 1900000; '6,300' -> 6300."""
    value = float(number.replace(",", ""))
    factor = {"million": 1_000_000, "thousand": 1_000}.get((multiplier or "").lower(), 1)
    return round(value * factor)


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
