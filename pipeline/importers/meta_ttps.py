"""One network's TTP file (Tactic, Technique, Procedure, Indicator[, Notes]) -> what it states.

The files were written by hand over three years: headers carry trailing spaces
('Tactic '), the fifth column is 'Notes', 'Comments' or 'Note', blank ',,,' rows separate
the phases, and the same tactic is spelt four ways ('0 Acquiring assets', '0. Acqiuring
Assets'...). So every label is read by its leading number only, and each row is checked
on its own: a row that cannot be read is reported with its line, and the rest are used.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field

from pipeline.check import killchain_codes
from pipeline.importers.meta_figures import (
    AdSpendFigure,
    AssetCount,
    AudienceFigure,
    ad_spend,
    asset_count,
    audience_figures,
)
from pipeline.importers.meta_inputs import InputFile
from pipeline.importers.platforms import PLATFORMS, host_of, platform_of_host, undefang
from pipeline.importers.report import InputProblem

REQUIRED_COLUMNS = ("tactic", "technique", "procedure", "indicator")
_CODE_RE = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?(?:\s|$)")

COUNT_PROCEDURES = {"0.9.1": "facebook", "0.9.2": "instagram"}
"""'Acquiring Facebook assets' / 'Acquiring Instagram accounts': the removal figures."""
AUDIENCE_PROCEDURES = ("7.2.2", "7.2.3", "7.2.4")
AD_PROCEDURE = "7.1.1"
PLATFORM_PROCEDURES = {
    "0.9.3": "threads", "0.9.4": "x", "0.9.5": "youtube", "0.9.6": "tiktok", "0.9.7": "telegram",
    "0.9.10.0": "pinterest", "6.2.3": "threads", "6.2.4": "x", "6.2.5": "youtube", "6.2.6": "tiktok",
    "6.2.7": "telegram",
}
"""Procedures that name the platform where the network had accounts."""
_ASSET_PREFIXES = ("0.9.", "6.2.")
"""Acquiring social media accounts, amplifying with fake accounts: where assets are listed."""


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class TtpFile:
    """What one network's file states, plus what could not be read in it."""

    file: InputFile
    codes: dict[str, int] = field(default_factory=dict)
    """Kill-chain codes found in the taxonomy -> first line."""
    counts: list[AssetCount] = field(default_factory=list)
    audience: list[AudienceFigure] = field(default_factory=list)
    ad_spend: AdSpendFigure | None = None
    platforms: set[str] = field(default_factory=set)
    indicators: set[str] = field(default_factory=set)
    """Undefanged indicator values, only to recognise the same network in a summary."""
    other_hosts: set[str] = field(default_factory=set)
    """Hosts of asset rows that are no platform we know (forums, petition sites)."""
    problems: list[InputProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(InputProblem(self.file.shown, line, message, hint))


def read_ttp_file(file: InputFile) -> TtpFile:
    """Read one network file; never raises on bad content, reports it instead."""
    result = TtpFile(file)
    rows = _rows(file, result)
    mismatched: dict[str, list[int]] = {}
    for row in rows:
        code = _row_code(row, result)
        if code is None:
            continue
        _check_phase(row, code, mismatched)
        _read_row(row, code, result)
    for label, lines in sorted(mismatched.items()):
        result.notes.append(f"{file.shown}: tactic '{label}' disagrees with the procedure code on "
                            f"{_lines(lines)}; the procedure code was used")
    if result.other_hosts:
        result.notes.append(f"{file.shown}: assets on sites that are not platforms we list, left out of "
                            f"also_on: {', '.join(sorted(result.other_hosts))}")
    return result


# --- rows ----------------------------------------------------------------------------


def _rows(file: InputFile, result: TtpFile) -> list[Row]:
    """Non-blank rows with their first line number and cells named by normalised header."""
    try:
        text = file.local.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.problem(0, f"is not UTF-8 (byte {exc.start})", "save it as UTF-8")
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        result.problem(1, f"no column {', '.join(missing)} in the header {header}",
                       "expected Tactic, Technique, Procedure, Indicator")
        return []
    rows, start = [], reader.line_num + 1
    for cells in reader:
        row = _row(cells, header, start, result)
        start = reader.line_num + 1
        if row:
            rows.append(row)
    return rows


def _row(cells: list[str], header: list[str], line: int, result: TtpFile) -> Row | None:
    if not any(cell.strip() for cell in cells):
        return None  # a blank separator row
    if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
        result.problem(line, f"row has {len(cells)} cells, the header has {len(header)}",
                       "a cell with a comma needs double quotes")
        return None
    return Row(line, {name: cell.strip() for name, cell in zip(header, cells)})


def _row_code(row: Row, result: TtpFile) -> str | None:
    """The most specific kill-chain code a row gives (procedure, else technique, else tactic)."""
    for column in ("procedure", "technique", "tactic"):
        match = _CODE_RE.match(row[column])
        if match:
            return match.group(1)
    result.problem(row.line, "no kill-chain number in Tactic, Technique or Procedure "
                             f"('{row['procedure'] or row['technique'] or row['tactic']}')",
                   "start the procedure with its code, e.g. '0.9.1 Acquiring Facebook assets'")
    return None


def _check_phase(row: Row, code: str, mismatched: dict[str, list[int]]) -> None:
    """Note rows whose tactic number is not the procedure's phase ('1 Acquiring assets' + 0.6.2)."""
    match = _CODE_RE.match(row["tactic"])
    if match and match.group(1).split(".")[0] != code.split(".")[0]:
        mismatched.setdefault(row["tactic"], []).append(row.line)


def _lines(lines: list[int]) -> str:
    return f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}-{lines[-1]} ({len(lines)} rows)"


# --- what a row states ---------------------------------------------------------------


def _read_row(row: Row, code: str, result: TtpFile) -> None:
    _record_code(row, code, result)
    indicator = row["indicator"]
    if code in COUNT_PROCEDURES:
        _read_count(row, COUNT_PROCEDURES[code], result)
    elif code in AUDIENCE_PROCEDURES and indicator:
        _read_audience(row, result)
    elif code == AD_PROCEDURE and indicator:
        _read_ad_spend(row, result)
    if code.startswith(_ASSET_PREFIXES):
        _read_platform(row, code, result)
    if re.search(r"\[\.\]|https?://|hxxps?://", indicator, re.I):
        result.indicators.add(undefang(indicator).lower().rstrip("/"))


def _record_code(row: Row, code: str, result: TtpFile) -> None:
    codes = killchain_codes()
    if code in codes:
        result.codes.setdefault(code, row.line)
        return
    if any(p.message.startswith(f"kill-chain code '{code}'") for p in result.problems):
        return  # reported once per file
    result.problem(row.line, f"kill-chain code '{code}' is not in Meta's taxonomy: left out of killchain",
                   _code_hint(code, row))


def _code_hint(code: str, row: Row) -> str:
    """Point at the taxonomy entry the row probably meant, by its name or a '.0' suffix."""
    codes = killchain_codes()
    label = next((row[c] for c in ("procedure", "technique", "tactic") if _CODE_RE.match(row[c])), "")
    name = _CODE_RE.sub("", label).strip().lower()
    by_name = [known for known, known_name in codes.items() if name and known_name.strip().lower() == name]
    if by_name:
        return f"the taxonomy lists '{name}' as {by_name[0]}"
    if code + ".0" in codes:
        return f"the taxonomy has {code}.0"
    close = difflib.get_close_matches(code, sorted(codes), n=1, cutoff=0.8)
    return f"did you mean '{close[0]}'?" if close else "see pipeline/reference/killchain.csv"


def _read_count(row: Row, platform: str, result: TtpFile) -> None:
    found = asset_count(row["indicator"], platform)
    if isinstance(found, str):
        result.problem(row.line, found)
    elif found:
        same = [count for count in result.counts if (count.platform, count.kind) == (platform, found.kind)]
        if same:
            result.problem(row.line, f"a second count of {platform} {found.kind} ({found.count}); "
                                     f"kept the first ({same[0].count})")
        else:
            result.counts.append(found)


def _read_audience(row: Row, result: TtpFile) -> None:
    figures, notes = audience_figures(row["indicator"])
    for note in notes:
        result.notes.append(f"{result.file.shown}:{row.line}: {note}")
    if not figures and not notes:
        result.problem(row.line, f"could not read a follower figure from '{row['indicator'][:90]}'")
    for figure in figures:
        if all((f.platform, f.metric) != (figure.platform, figure.metric) for f in result.audience):
            result.audience.append(figure)


def _read_ad_spend(row: Row, result: TtpFile) -> None:
    found = ad_spend(row["indicator"])
    if isinstance(found, str):
        result.problem(row.line, found)
    elif found and result.ad_spend is None:
        result.ad_spend = found


def _read_platform(row: Row, code: str, result: TtpFile) -> None:
    """The platform an asset row names: by the indicator's host, else by the procedure."""
    host = host_of(row["indicator"]) if re.search(r"\[\.\]|\.", row["indicator"]) else None
    platform = platform_of_host(host) if host else None
    if platform:
        result.platforms.add(platform.key)
    elif code in PLATFORM_PROCEDURES:
        result.platforms.add(PLATFORMS[PLATFORM_PROCEDURES[code]].key)
    elif host and host not in ("facebook.com", "instagram.com", "fb.com"):
        result.other_hosts.add(host)
