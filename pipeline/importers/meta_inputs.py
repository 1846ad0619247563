"""Where Meta's threat-research files are, in either layout, and the commit they come from.

Two layouts are read:

- a checkout of https://github.com/facebook/threat-research: `indicators/csv/**.csv`
  and `indicators/meta-h*-cib-network*.md`; the commit is the checkout's HEAD;
- a copy with renamed files and a `MANIFEST.csv` (`local_file, source_path,
  source_blob_sha`) mapping each copy to its upstream path; each file's git blob hash
  is checked against the manifest, so a citation never points at different bytes. The
  commit is passed in, or read from the copy's README ('Commit copied ... <40 hex>').

Every record cites its file at the pinned commit, so without a commit nothing is imported.
"""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from pipeline.importers.meta_names import words
from pipeline.importers.report import InputProblem

REPOSITORY = "https://github.com/facebook/threat-research"
_COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
_README_COMMIT_RE = re.compile(r"commit[^\n]*?\b([0-9a-f]{40})\b", re.I)


@dataclass(frozen=True, order=True)
class InputFile:
    upstream: str
    """Path in Meta's repository, as cited: 'indicators/csv/Q3_2024/Q3_2024 MOLDOVA_BASED_CIB_NETWORK.csv'."""
    local: Path
    shown: str
    """Path as the import report names it, relative to the folder given."""

    @property
    def is_summary(self) -> bool:
        return self.upstream.endswith(".md")


@dataclass
class Inputs:
    commit: str = ""
    files: list[InputFile] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    fatal: list[str] = field(default_factory=list)


def find_inputs(source: Path, commit: str | None = None) -> Inputs:
    """The network files under `source`, in whichever layout it has."""
    source = Path(source)
    if (source / "MANIFEST.csv").is_file():
        inputs = _from_manifest(source)
    elif (source / "indicators" / "csv").is_dir():
        inputs = _from_checkout(source)
    else:
        return Inputs(fatal=[f"{source}: neither a checkout of {REPOSITORY} (no indicators/csv/) "
                             "nor a copy with a MANIFEST.csv"])
    inputs.commit = commit or _commit_of(source) or ""
    if not _COMMIT_RE.match(inputs.commit):
        inputs.fatal.append(f"{source}: no commit to pin the citations to (found {inputs.commit or 'none'}); "
                            "pass the 40-character commit the files come from")
    if not inputs.files:
        inputs.fatal.append(f"{source}: no network files (CIB CSVs or meta-h*-cib-network*.md summaries) found")
    return inputs


def is_network_file(upstream: str) -> bool:
    """CIB network CSVs ('..._CIB_network.csv', '..._IB_cluster.csv') and network summaries."""
    path = PurePosixPath(upstream)
    name = words(path.name).split("_")
    if path.suffix == ".csv" and str(path.parent).startswith("indicators/csv"):
        return "cib" in name or "_".join(name).endswith("ib_cluster")
    return path.suffix == ".md" and path.parent.as_posix() == "indicators" and path.name.startswith("meta-") \
        and "cib" in name


def _from_checkout(source: Path) -> Inputs:
    inputs = Inputs()
    for path in sorted((source / "indicators").rglob("*")):
        upstream = path.relative_to(source).as_posix()
        if path.is_file() and is_network_file(upstream):
            inputs.files.append(InputFile(upstream, path, upstream))
    return inputs


def _from_manifest(source: Path) -> Inputs:
    inputs = Inputs()
    with open(source / "MANIFEST.csv", encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"local_file", "source_path"} - set(reader.fieldnames or [])
        if missing:
            inputs.fatal.append(f"{source / 'MANIFEST.csv'}: no column {', '.join(sorted(missing))}")
            return inputs
        for row in reader:
            file, problem = _manifest_file(source, row, reader.line_num)
            if problem:
                inputs.problems.append(problem)
            elif file:
                inputs.files.append(file)
    return inputs


def _manifest_file(source: Path, row: dict, line: int) -> tuple[InputFile | None, InputProblem | None]:
    upstream, local = (row.get("source_path") or "").strip(), (row.get("local_file") or "").strip()
    if not is_network_file(upstream):
        return None, None
    path = source / local
    if not path.is_file():
        return None, InputProblem("MANIFEST.csv", line, f"'{local}' is listed but missing")
    expected = (row.get("source_blob_sha") or "").strip()
    if expected and git_blob_sha(path.read_bytes()) != expected:
        return None, InputProblem(local, 0, f"differs from {upstream} at the pinned commit (blob {expected[:12]})",
                                  "copy the file again from the repository, or update MANIFEST.csv")
    return InputFile(upstream, path, local), None


def git_blob_sha(content: bytes) -> str:
    """The id git gives a file's content: what MANIFEST.csv records as source_blob_sha."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def _commit_of(source: Path) -> str | None:
    """HEAD of a checkout, or the commit a copy's README names."""
    if (source / ".git").exists():
        done = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else None
    for readme in (source / "README.md", source.parent / "README.md"):
        if readme.is_file():
            match = _README_COMMIT_RE.search(readme.read_text(encoding="utf-8", errors="replace"))
            if match:
                return match.group(1)
    return None


def blob_url(commit: str, upstream: str) -> str:
    """The file on GitHub at the pinned commit, with spaces, '#' and '&' escaped."""
    return f"{REPOSITORY}/blob/{commit}/{quote(upstream, safe='/')}"
