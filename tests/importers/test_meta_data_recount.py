"""The imported register against Meta's data itself: every network has a record, and its
Facebook and Instagram figures are the 'Acquiring assets' rows of its file, recounted here."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from pipeline.yamlfile import parse

REPO = Path(__file__).parents[2]
DATA = REPO.parent / "shared/data/meta-threat-research"
COUNT_RE = re.compile(r"^(\d[\d,]*)\s+(?:facebook\s+|instagram\s+)?(ac+ounts?|pages?|groups?)\b", re.I)


def imported_networks() -> dict[str, dict]:
    """Upstream path -> record data, for every network the Meta importer wrote."""
    found = {}
    for path in sorted((REPO / "content" / "networks").glob("*.yaml")):
        data = parse(path.read_text(encoding="utf-8")).data
        imported = data.get("imported") or {}
        if imported.get("from") == "meta-threat-research":
            found[imported["path"]] = data
    return found


def manifest(prefix: str) -> dict[str, str]:
    """Local file -> upstream path, for the copies under `prefix`."""
    with open(DATA / "MANIFEST.csv", encoding="utf-8", newline="") as handle:
        return {row["local_file"]: row["source_path"] for row in csv.DictReader(handle)
                if row["local_file"].startswith(prefix)}


def recount(path: Path) -> dict[tuple[str, str], int]:
    """(platform, kind) -> count, straight from the 0.9.1 / 0.9.2 rows."""
    counts = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 4 or not row[2].strip().startswith(("0.9.1 ", "0.9.2 ")):
                continue
            match = COUNT_RE.match(row[3].strip())
            if match:
                platform = "facebook" if row[2].strip().startswith("0.9.1 ") else "instagram"
                word = match.group(2).lower()
                kind = "accounts" if word.startswith("ac") else word.rstrip("s") + "s"
                counts[(platform, kind)] = int(match.group(1).replace(",", ""))
    return counts


def figures(record: dict) -> dict[tuple[str, str], int]:
    return {(takedown["platform"], kind): count
            for takedown in record.get("takedowns", []) for kind, count in takedown["removed"].items()}


@pytest.mark.skipif(not DATA.is_dir(), reason=f"Meta's data is not checked out next to the repository ({DATA})")
def test_every_network_file_has_a_record_with_its_removal_figures():
    records = imported_networks()
    files = manifest("cib-network-ttps/")
    assert len(files) == len(list((DATA / "cib-network-ttps").glob("*.csv")))
    missing = sorted(local for local, upstream in files.items() if upstream not in records)
    assert missing == [], "networks without a record in content/networks/"
    wrong = {local: (figures(records[upstream]), recount(DATA / local))
             for local, upstream in files.items() if figures(records[upstream]) != recount(DATA / local)}
    assert wrong == {}


@pytest.mark.skipif(not DATA.is_dir(), reason=f"Meta's data is not checked out next to the repository ({DATA})")
def test_every_network_summary_is_cited():
    cited = {source for record in imported_networks().values() for source in record["sources"]}
    summaries = {Path(local).stem for local in manifest("network-summaries/")}
    assert summaries and summaries - cited == set()
