"""Which files describe which network, and the slug each network keeps for good.

Meta publishes a network's TTP file (CSV) and, for recent reports, a summary (markdown)
under different names and sometimes different period labels ('Q2-3_2025' for the CSV,
'H2 2025' for the summary). A summary is paired with a CSV only when the data says they
are the same network: the same year and places in their names, and either identical
removal figures or shared indicators. One summary can describe two networks (two case
studies), and a summary without a CSV is a network of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from pipeline.importers.meta_names import FileName
from pipeline.importers.meta_summary import Case, Summary
from pipeline.importers.meta_ttps import TtpFile


@dataclass
class NetworkEvidence:
    """Everything the input says about one network."""

    name: FileName
    ttps: TtpFile | None = None
    summary: Summary | None = None
    case: Case | None = None

    @property
    def key(self) -> str:
        """The upstream path of the network's own data file: what `imported.path` records."""
        return (self.ttps or self.summary).file.upstream


def pair_files(ttps: dict[str, tuple[TtpFile, FileName]], summaries: dict[str, tuple[Summary, FileName]]
               ) -> tuple[list[NetworkEvidence], list[str]]:
    """One NetworkEvidence per network, and notes on how summaries were paired."""
    networks = {key: NetworkEvidence(name, ttps=ttp) for key, (ttp, name) in ttps.items()}
    notes: list[str] = []
    for key in sorted(summaries):
        summary, name = summaries[key]
        candidates = [n for n in networks.values()
                      if n.ttps and n.summary is None and n.name.year == name.year and n.name.label == name.label]
        for case, match in _pairs(summary, candidates):
            if match is None:
                networks[_summary_key(summary, case)] = NetworkEvidence(name, summary=summary, case=case)
                continue
            match.summary, match.case = summary, case
            if summary.report and summary.report != match.name.period:
                notes.append(f"{summary.file.shown} (report {summary.report}) describes the network in "
                             f"{match.ttps.file.shown} (named {match.name.period}); the period is taken from the CSV")
    return [networks[key] for key in sorted(networks)], notes


def _pairs(summary: Summary, candidates: list[NetworkEvidence]) -> list[tuple[Case | None, NetworkEvidence | None]]:
    """Each case with the one CSV whose removal figures match it; else by shared indicators."""
    if not summary.cases:
        sharing = [n for n in candidates if n.ttps.indicators & summary.indicators]
        return [(None, sharing[0] if len(sharing) == 1 else None)]
    pairs, used = [], set()
    for case in summary.cases:
        same = [n for n in candidates if id(n) not in used and _figures(n.ttps.counts) == _figures(case.counts)]
        match = same[0] if len(same) == 1 else None
        if match:
            used.add(id(match))
        pairs.append((case, match))
    return pairs


def _figures(counts) -> set[tuple[str, str, int]]:
    return {(count.platform, count.kind, count.count) for count in counts}


def _summary_key(summary: Summary, case: Case | None) -> str:
    """A summary-only network is keyed by its file (and case, when the file holds several)."""
    if case is None or len(summary.cases) == 1:
        return summary.file.upstream
    return f"{summary.file.upstream}#{summary.cases.index(case) + 1}"


def assign_slugs(networks: list[NetworkEvidence], kept: dict[str, str], taken: set[str]) -> dict[str, str]:
    """key -> slug. A network imported before keeps its slug; a new one gets the next free
    `meta-<year>-<period>-<places>-<n>`, numbered within its year, period and places."""
    slugs: dict[str, str] = {}
    taken = set(taken)
    ordered = sorted(networks, key=lambda n: (n.name.group, n.name.number, n.key))
    for _group, members in groupby(ordered, key=lambda n: n.name.group):
        for number, network in enumerate(members, start=1):
            if network.key in kept:
                slugs[network.key] = kept[network.key]
                continue
            slug = _free_slug(network.name, number, taken | set(slugs.values()) | set(kept.values()))
            slugs[network.key] = slug
            taken.add(slug)
    return slugs


def _free_slug(name: FileName, number: int, taken: set[str]) -> str:
    while True:
        slug = f"meta-{name.year}-{name.period_slug}-{name.label}-{number}"
        if slug not in taken:
            return slug
        number += 1


def group_sizes(networks: list[NetworkEvidence]) -> dict[tuple, int]:
    """How many networks share a year, period and places (names get a number if several)."""
    sizes: dict[tuple, int] = {}
    for network in networks:
        sizes[network.name.group] = sizes.get(network.name.group, 0) + 1
    return sizes
