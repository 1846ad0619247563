"""Issue 13's targets beside what a benchmark run measured: met, not met, or not measured.

The time and memory targets are set for 10,000 networks on two cores; at another size the
figures are shown without a verdict. Growth compares this run with the last run at a
tenth of the size, on this machine, with the same languages, kept in bench/out/.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

TARGET_NETWORKS = 10_000


@dataclass(frozen=True)
class Target:
    name: str
    limit: float
    unit: str
    set_for_size: bool = True
    """False for the readers' side: the real content's pages, whatever the corpus size."""


TARGETS = {
    "ratio": Target("clean build / Hugo", 1.0, "×"),
    "check": Target("check from scratch", 5.0, "s"),
    "peak": Target("peak memory, largest process of the build", 1000, "MB"),
    "curators_peak": Target("peak memory, a curator's rebuild (main process)", 1000, "MB"),
    "rebuild": Target("rebuild after editing one record", 4.0, "s"),
    "growth": Target("growth from a tenth of the size", 11.0, "×"),
    "record_page": Target("network page, HTML + CSS + JS", 50.0, "KB", set_for_size=False),
    "home_page": Target("home page, HTML + CSS + JS", 100.0, "KB", set_for_size=False),
}
"""What is measured (each must stay under its limit; the ratio and growth at most equal)."""


def results_file(out: Path, networks: int, languages: list[str]) -> Path:
    return out / f"results-{networks}-{'-'.join(languages)}.json"


def save(out: Path, networks: int, languages: list[str], measured: dict[str, float]) -> None:
    """Keep this run's figures for a later run ten times the size."""
    results_file(out, networks, languages).write_text(json.dumps(measured, indent=1, sort_keys=True), encoding="utf-8")


def with_growth(out: Path, networks: int, languages: list[str], measured: dict[str, float]) -> dict[str, float]:
    """`measured` plus the growth of the clean build's time over the last run at a tenth of the size."""
    smaller = results_file(out, networks // 10, languages)
    if networks % 10 or not smaller.is_file() or "clean" not in measured:
        return measured
    before = json.loads(smaller.read_text(encoding="utf-8")).get("clean")
    return {**measured, "growth": measured["clean"] / before} if before else measured


def verdicts(networks: int, measured: dict[str, float]) -> dict[str, str]:
    """key -> "met", "NOT MET", "not measured", or "-" (a time or memory target at another size)."""
    found = {}
    for key, target in TARGETS.items():
        value = measured.get(key)
        if value is None:
            found[key] = "not measured"
        elif networks != TARGET_NETWORKS and target.set_for_size:
            found[key] = "-"
        else:
            met = value <= target.limit if target.unit == "×" else value < target.limit
            found[key] = "met" if met else "NOT MET"
    return found


def report(networks: int, measured: dict[str, float]) -> list[str]:
    """One line per target: the figure, the limit, and whether it is met."""
    judged = verdicts(networks, measured)
    lines = [f"targets of issue 13 (set for {TARGET_NETWORKS:,} networks on two cores"
             + ("" if networks == TARGET_NETWORKS else
                f"; this run has {networks:,}, so only the readers' side is judged") + "):"]
    for key, target in TARGETS.items():
        shown = f"{measured[key]:.2f} {target.unit}" if key in measured else "-"
        limit = f"{'<=' if target.unit == '×' else '<'} {target.limit:g} {target.unit}"
        lines.append(f"  {target.name:<48}{shown:>14}   target {limit:<12} {judged[key]}")
    lines.append("  (`serve` showing a change in under 2 s at 1,000 networks is timed by hand: docs/performance.md)")
    return lines
