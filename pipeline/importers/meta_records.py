"""NetworkEvidence -> the YAML data of a network record and of the sources it cites.

Only what the input states goes in: removal figures from the CSV's 'Acquiring assets'
rows, followers and ad spend from the summary (else from the CSV's own 'Targeted
engagement' rows), kill-chain codes, other platforms, and Meta's paragraph quoted with
its source. No account, domain or other indicator is written. Keys follow the order of
CONTENT.md; lists whose order means nothing are sorted, so a re-import writes the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from pipeline.importers.countries import short_name
from pipeline.importers.meta_figures import AdSpendFigure, AssetCount, AudienceFigure
from pipeline.importers.meta_inputs import InputFile, blob_url
from pipeline.importers.meta_networks import NetworkEvidence
from pipeline.importers.meta_summary import Summary
from schema.network import ASSET_KINDS

PUBLISHER = "meta"
_PLATFORM_ORDER = ("facebook", "instagram")
_METRIC_ORDER = ("page-followers", "group-members", "account-followers", "channel-subscribers")
_KIND_WORDS = {("facebook", "accounts"): "Facebook account", ("facebook", "pages"): "Page",
               ("facebook", "groups"): "Group", ("instagram", "accounts"): "Instagram account"}


@dataclass(frozen=True)
class Citations:
    """Slugs a network record refers to, decided by the importer before records are built."""

    data: str
    """The source record of the network's own data file (CSV, or summary if there is none)."""
    summary: str | None
    platforms: dict[str, str]
    """Platform key ('x') -> actor slug ('x' or a curator's 'twitter')."""
    commit: str


def source_record(file: InputFile, commit: str, summary: Summary | None = None) -> dict:
    """A source record for one file of Meta's repository at the pinned commit."""
    name = PurePosixPath(file.upstream).name.strip()
    if summary:
        title = summary.title or name
        what = f"Meta's summary of one network{f', from its Adversarial Threat Report {summary.report}' if summary.report else ''}"
    else:
        title, what = name, "Meta's indicators for one network, mapped onto its Online Operations Kill Chain"
    return {
        "title": title,
        "publisher": PUBLISHER,
        "url": blob_url(commit, file.upstream),
        "language": "en",
        "kind": "dataset",
        "note": f"{what}; file {file.upstream} of the Meta Threat Research Indicator Repository "
                f"(MIT licence) at commit {commit}.",
    }


def network_record(network: NetworkEvidence, slug: str, numbered: bool, cite: Citations) -> dict:
    """The network record's data, without `imported` (the importer adds it with the hash)."""
    name = network.name
    origin = network.summary.origin if network.summary and network.summary.origin else name.origin
    targets = network.summary.targets if network.summary and network.summary.targets else name.targets
    counts = network.ttps.counts if network.ttps else (network.case.counts if network.case else ())
    audience, spend = _reach(network, cite)
    data: dict = {
        "name": _name(origin, targets, name.period, slug if numbered else None),
        "summary": _summary(origin, targets, counts, name.period),
        "status": "removed",
        "origin": sorted(origin),
        "targets": sorted(targets),
        "period": name.period,
        "takedowns": _takedowns(counts, name.year, cite.data),
        "audience": audience,
        "ad_spend": [item for item, _words in spend if item],
        "killchain": sorted(network.ttps.codes, key=_code_order) if network.ttps else [],
        "also_on": sorted({cite.platforms[key] for key in _platforms(network) if key in cite.platforms}),
        "also_known_as": [name.codename] if name.codename else [],
        "sources": sorted({cite.data} | ({cite.summary} if cite.summary else set())),
        "body": _body(network, cite, [words for item, words in spend if not item]),
    }
    return {key: value for key, value in data.items() if value not in ([], None, "")}


# --- names and sentences -----------------------------------------------------------


def _name(origin: tuple[str, ...], targets: tuple[str, ...], period: str, slug: str | None) -> str:
    """'Moldova-based network (Meta, Q3 2024)'; a number when several share the label."""
    number = f" {slug.rsplit('-', 1)[1]}" if slug else ""
    if origin:
        return f"{_based(origin)} network{number} (Meta, {period})"
    return f"Network{number} targeting {_and(targets)} (Meta, {period})"


def _based(codes: tuple[str, ...]) -> str:
    """('BY', 'RU') -> 'Belarus- and Russia-based'."""
    names = [short_name(code) for code in codes]
    if len(names) == 1:
        return f"{names[0]}-based"
    return ", ".join(f"{n}-" for n in names[:-1]) + f" and {names[-1]}-based"


def _and(codes: tuple[str, ...]) -> str:
    names = [short_name(code) for code in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _summary(origin: tuple[str, ...], targets: tuple[str, ...], counts, period: str) -> str:
    """One neutral sentence from the data alone: who, whom, what Meta removed, when reported."""
    who = f"{_based(origin)} network" if origin else "Network"
    if targets:
        who += f" targeting {_and(targets)}"
    if not counts:
        return f"{who}, listed in Meta's threat-research indicators for {period} without removal figures."
    return f"{who}; Meta removed {_counted(counts)} (reported for {period})."


def _counted(counts) -> str:
    """'15 Facebook accounts, 6 Pages, 7 Groups and 4 Instagram accounts'."""
    parts = []
    for count in sorted(counts, key=_count_order):
        word = _KIND_WORDS[(count.platform, count.kind)]
        parts.append(f"{count.count:,} {word}{'' if count.count == 1 else 's'}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"


# --- figures -----------------------------------------------------------------------------


def _takedowns(counts, year: int, source: str) -> list[dict]:
    """One takedown per platform. The date is the year of the reporting period: the data
    gives no announcement date, and the quarter is not a date."""
    found = []
    for platform in _PLATFORM_ORDER:
        removed = {count.kind: count.count for count in counts if count.platform == platform}
        if removed:
            ordered = {kind: removed[kind] for kind in ASSET_KINDS if kind in removed}
            found.append({"platform": platform, "date": year, "source": source, "removed": ordered})
    return found


def _reach(network: NetworkEvidence, cite: Citations) -> tuple[list[dict], list[tuple[dict | None, str]]]:
    """Audience and ad spend: the summary's figures first, the CSV's where the summary has none."""
    figures: dict[tuple[str, str], tuple[AudienceFigure, str]] = {}
    spends: list[tuple[AdSpendFigure, str]] = []
    if network.case:
        figures.update({(f.platform, f.metric): (f, cite.summary) for f in network.case.audience})
        spends += [(network.case.ad_spend, cite.summary)] if network.case.ad_spend else []
    if network.ttps:
        for figure in network.ttps.audience:
            figures.setdefault((figure.platform, figure.metric), (figure, cite.data))
        if not spends and network.ttps.ad_spend:
            spends.append((network.ttps.ad_spend, cite.data))
    audience = [_audience(figure, source) for _key, (figure, source) in sorted(figures.items(), key=_audience_order)]
    return audience, [(_ad_spend(spend, source), spend.words) for spend, source in spends]


def _audience(figure: AudienceFigure, source: str) -> dict:
    item = {"platform": figure.platform, "metric": figure.metric, "count": figure.count}
    if figure.approximate:
        item["approximate"] = True
    item["source"] = source
    return item


def _ad_spend(spend: AdSpendFigure, source: str) -> dict | None:
    """A structured entry when one platform is named; None when Meta gives one figure for
    'Facebook and Instagram' or names none (the schema takes one platform per figure)."""
    if len(spend.platforms) != 1:
        return None
    item = {"platform": spend.platforms[0], "amount": spend.amount, "currency": spend.currency}
    if spend.approximate:
        item["approximate"] = True
    item["source"] = source
    return item


def _platforms(network: NetworkEvidence) -> set[str]:
    """From the CSV, and from the summary's table unless it covers several networks."""
    found = set(network.ttps.platforms) if network.ttps else set()
    if network.summary and len(network.summary.cases) <= 1:
        found |= network.summary.platforms
    return found


# --- body ------------------------------------------------------------------------------


def _body(network: NetworkEvidence, cite: Citations, spend_words: list[str]) -> str:
    """Meta's paragraph, quoted and attributed; where the figures come from; what is left out."""
    parts = []
    quote = network.summary.quote_for(network.case) if network.summary else None
    if quote and not _has_indicators(quote[1]):
        report = f", from its Adversarial Threat Report {network.summary.report}" if network.summary.report else ""
        parts.append(f"Meta's summary of this network{report}:")
        parts.append("\n".join(f"> {line}".rstrip() for line in quote[1].split("\n")))
        parts.append(f"— Meta, {_file_link(network.summary.file, cite.commit)}.")
    quoted_spend = bool(quote and network.case and network.case.ad_spend)
    for words in [] if quoted_spend else spend_words:
        parts.append(f"Meta gives the ad spend as: “{words}”")
    if network.ttps:
        what = "Figures and kill-chain procedures are" if network.ttps.counts else "Kill-chain procedures are"
        parts.append(f"{what} imported from Meta's indicator file {_file_link(network.ttps.file, cite.commit)}. "
                     "The accounts, domains and other indicators it lists are not republished here.")
    else:
        parts.append("Meta published no indicator file for this network; the figures are from its summary.")
    return "\n\n".join(parts) + "\n"


def _file_link(file: InputFile, commit: str) -> str:
    """The file at the pinned commit, named as Meta named it."""
    name = PurePosixPath(file.upstream).name.replace("`", "'")
    return f"[`{name}`]({blob_url(commit, file.upstream)}) (Meta Threat Research Indicator Repository, MIT licence)"


def _has_indicators(text: str) -> bool:
    """A defanged URL or domain in a paragraph means it lists indicators: it is not quoted."""
    return "[.]" in text or "hxxp" in text.lower()


# --- ordering --------------------------------------------------------------------------


def _code_order(code: str) -> list[int]:
    return [int(part) for part in code.split(".")]


def _count_order(count: AssetCount) -> tuple[int, int]:
    return (_PLATFORM_ORDER.index(count.platform), ASSET_KINDS.index(count.kind))


def _audience_order(item) -> tuple[int, int]:
    (platform, metric), _value = item
    return (_PLATFORM_ORDER.index(platform), _METRIC_ORDER.index(metric))
