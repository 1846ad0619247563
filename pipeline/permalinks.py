"""The permalink guard: a published address never disappears without a redirect.

`content/permalinks.txt` (committed) lists every page path and record JSON the site has
published. A build whose outputs lack one of them fails before anything is written;
`build.py build --update-permalinks` records the current set (new paths, and removals
that are intended). Paths not yet in the manifest never fail a build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from pipeline.errors import ContentError
from pipeline.urls import COLLECTION_PATHS

MANIFEST = "permalinks.txt"
HEADER = (
    "# Every path this register has published (pages and record JSON), one per line.\n"
    "# Written by `build.py build --update-permalinks`; a build that drops one fails.\n"
    "# Renamed a record? Add its old slug to `aliases:` of the record instead.\n"
)


def published_paths(outputs: Iterable[str]) -> list[str]:
    """Page paths ('/ru/networks/x/') and record JSON ('/networks/x.json') among the output files.

    Written from the site root with a leading '/', so the home page is '/' and not an empty line.
    """
    paths = set()
    for name in outputs:
        parts = name.split("/")
        if name == "index.html" or name.endswith("/index.html"):
            paths.add("/" + name[: -len("index.html")])
        elif len(parts) == 2 and parts[0] in COLLECTION_PATHS and parts[1].endswith(".json"):
            paths.add("/" + name)
    return sorted(paths)


def read_manifest(content_dir: Path) -> list[str]:
    """The committed paths; empty when there is no manifest yet."""
    path = Path(content_dir) / MANIFEST
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def check_permalinks(content_dir: Path, outputs: Iterable[str]) -> list[ContentError]:
    """One error per published path the new build would drop."""
    current = set(published_paths(outputs))
    manifest = f"{Path(content_dir).name}/{MANIFEST}"
    errors = []
    for old in read_manifest(content_dir):
        if old in current:
            continue
        slug = _slug_of(old)
        errors.append(ContentError(
            manifest, message=f"'{old}' was published, but this build no longer has it",
            hint=f"add '{slug}' to aliases: of the record that replaced it, or run "
                 "build.py build --update-permalinks if the removal is intended"))
    return errors


def write_manifest(content_dir: Path, outputs: Iterable[str]) -> Path:
    """Record the current paths (by request: build.py build --update-permalinks)."""
    path = Path(content_dir) / MANIFEST
    path.write_text(HEADER + "".join(f"{line}\n" for line in published_paths(outputs)), encoding="utf-8")
    return path


def _slug_of(path: str) -> str:
    """The slug part of a page or JSON path: 'ru/networks/old/' -> 'old'."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last[: -len(".json")] if last.endswith(".json") else last or path
