"""One network summary (`indicators/meta-h2-2025-...-cib-network.md`) -> what Meta states.

Each summary opens with a fixed sentence ("Meta disrupted a Moldova-based Coordinated
Inauthentic Behavior (CIB) network targeting Moldova. ... Adversarial Threat Report H2
2025."), then Meta's own paragraphs, then a table of defanged indicators. Origin and
targets are read from the fixed sentence only; a place that is not a country ("Sub-Saharan
Africa") is reported and left out. A paragraph giving removal figures is one network (a
"case"); one summary can hold two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.importers.countries import country_code
from pipeline.importers.meta_figures import (
    AdSpendFigure,
    AssetCount,
    AudienceFigure,
    ad_spend,
    audience_figures,
    removal_counts,
)
from pipeline.importers.meta_inputs import InputFile
from pipeline.importers.platforms import host_of, platform_of_host, undefang
from pipeline.importers.report import InputProblem

_LEAD_RE = re.compile(r"Meta disrupted an? (?P<origin>.+?)-based\b.*?\bnetwork targeting (?P<targets>[^.]+)\.", re.I)
_REPORT_RE = re.compile(r"Adversarial Threat Report (?P<report>(?:[HQ]\d(?:-Q?\d)?) \d{4})")
_TABLE_ROW_RE = re.compile(r"^\|\s*(?P<type>[^|]+?)\s*\|\s*`?(?P<value>[^|`]+?)`?\s*\|\s*$")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Case:
    """One network in a summary: the paragraph with its removal figures."""

    line: int
    paragraph: str
    counts: tuple[AssetCount, ...]
    audience: tuple[AudienceFigure, ...]
    ad_spend: AdSpendFigure | None


@dataclass
class Summary:
    file: InputFile
    title: str = ""
    report: str | None = None
    """The report it comes from, as Meta names it: 'H2 2025'."""
    origin: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    indicators: set[str] = field(default_factory=set)
    platforms: set[str] = field(default_factory=set)
    problems: list[InputProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def quote_for(self, case: Case | None) -> tuple[int, str] | None:
        """Meta's paragraph for a network: its case, else the summary's first paragraph."""
        if case:
            return case.line, case.paragraph
        return self.paragraphs[0] if self.paragraphs else None


def read_summary(file: InputFile) -> Summary:
    """Read one summary; what cannot be read is reported, the rest is used."""
    summary = Summary(file)
    try:
        text = file.local.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        summary.problems.append(InputProblem(file.shown, 0, f"is not UTF-8 (byte {exc.start})"))
        return summary
    lines = text.splitlines()
    summary.title = next((line[2:].strip() for line in lines if line.startswith("# ")), "")
    _read_lead(text, summary)
    summary.paragraphs = _section_paragraphs(lines)
    if not summary.paragraphs:
        summary.problems.append(InputProblem(file.shown, 0, "no 'Network Summary' section with text"))
    summary.cases = [case for line, paragraph in summary.paragraphs if (case := _case(line, paragraph, summary))]
    _read_table(lines, summary)
    return summary


def _read_lead(text: str, summary: Summary) -> None:
    lead = _LEAD_RE.search(text)
    report = _REPORT_RE.search(text)
    summary.report = report["report"] if report else None
    if not lead:
        summary.problems.append(InputProblem(summary.file.shown, 0,
                                             "no 'Meta disrupted a <country>-based ... network targeting ...' sentence",
                                             "origin comes from the file name; no targets recorded"))
        return
    summary.origin = _countries(lead["origin"], "origin", summary)
    summary.targets = _countries(lead["targets"], "targets", summary)


def _countries(text: str, role: str, summary: Summary) -> tuple[str, ...]:
    """'United States, Iraq' -> ('US', 'IQ'); places that are no country are noted, not kept."""
    found = []
    for name in (part.strip() for part in re.split(r",\s*|\s+and\s+", text)):
        code = country_code(name)
        if code:
            found.append(code)
        elif name:
            summary.notes.append(f"{summary.file.shown}: '{name}' ({role}) is not a country: left out")
    return tuple(dict.fromkeys(found))


def _section_paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph of the '## ... Network Summary' section."""
    paragraphs, block, start, inside = [], [], 0, False
    for number, line in enumerate(lines + [""], start=1):
        if line.startswith("## "):
            if inside:
                break
            inside = "summary" in line.lower()
            continue
        if not inside or line.startswith("#"):
            continue
        if line.strip():
            start = start or number
            block.append(line.rstrip())
        elif block:
            paragraphs.append((start, "\n".join(block)))
            block, start = [], 0
    if block:
        paragraphs.append((start, "\n".join(block)))
    return paragraphs


def _case(line: int, paragraph: str, summary: Summary) -> Case | None:
    counts = removal_counts(paragraph)
    if not counts:
        return None
    audience, notes = audience_figures(paragraph)
    summary.notes += [f"{summary.file.shown}:{line}: {note}" for note in notes]
    spend = None
    for sentence in _SENTENCE_RE.split(" ".join(paragraph.split())):
        if re.search(r"\bspen[dt]|\badvertis", sentence, re.I):
            found = ad_spend(sentence)
            if isinstance(found, str):
                summary.problems.append(InputProblem(summary.file.shown, line, found))
            elif found and spend is None:
                spend = found
    return Case(line, paragraph, tuple(counts), tuple(audience), spend)


def _read_table(lines: list[str], summary: Summary) -> None:
    """The indicators table: values to recognise the network's CSV, hosts for `also_on`."""
    for line in lines:
        row = _TABLE_ROW_RE.match(line.strip())
        if not row or row["type"].lower() == "indicator type" or set(row["value"]) <= set(":- "):
            continue
        summary.indicators.add(undefang(row["value"]).lower().rstrip("/"))
        host = host_of(row["value"])
        platform = platform_of_host(host) if host else None
        if platform and "social" in row["type"].lower():
            summary.platforms.add(platform.key)
