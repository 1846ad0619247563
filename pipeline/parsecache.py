"""A content-addressed cache of parsed YAML, so a file that has not changed is not parsed again.

Parsing is most of the cost of `check` and of every rebuild. An entry is keyed on the
file's exact bytes, and the cache file is named for the parser's code (yamlfile.py, this
module, PyYAML and Python versions), so an edited file or a changed parser can never get
an old result. Only files that parsed cleanly on the fast path are kept: a file with an
error, or with anything unusual, is parsed every time and reported from its text.
Validation is never cached, so a schema change applies to every file at once.

The cache lives in `.cache/` beside the content folder, holds only this register's
current files (entries no file uses are dropped on save), and is stored with `marshal`:
YAML data is only dicts, lists, text and numbers, and marshal cannot run code.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from pipeline import yamlfile

CACHE_FOLDER = ".cache"
DISABLE_VARIABLE = "TAKEDOWN_REGISTER_NO_CACHE"
"""Set (to anything) to parse every file, e.g. to time a build from scratch."""

MISSING = object()


def _code_version() -> str:
    digest = hashlib.sha256()
    for source in (Path(yamlfile.__file__), Path(__file__)):
        digest.update(source.read_bytes())
    digest.update(f"{yaml.__version__} {sys.version}".encode())
    return digest.hexdigest()[:16]


class ParseCache:
    """{sha256 of a file's bytes: its parsed data}, loaded once and saved once per run."""

    def __init__(self, file: Path | None):
        self.file = file
        self.entries: dict[bytes, Any] = {}
        self.used: set[bytes] = set()
        self.changed = False
        if file is not None and file.is_file():
            try:
                self.entries = marshal.loads(file.read_bytes())
            except (EOFError, ValueError, TypeError, OSError):
                self.entries = {}  # unreadable or from another Python: start afresh

    @classmethod
    def for_content(cls, content_dir: Path) -> "ParseCache":
        if os.environ.get(DISABLE_VARIABLE):
            return cls(None)
        folder = Path(content_dir).absolute().parent / CACHE_FOLDER
        return cls(folder / f"parsed-{_code_version()}.marshal")

    def key(self, raw: bytes) -> bytes | None:
        """The entry's key, or None when the cache is off (nothing to hash for)."""
        return hashlib.sha256(raw).digest() if self.file is not None else None

    def get(self, key: bytes | None) -> Any:
        """The parsed data for these bytes, or MISSING."""
        if key is not None and key in self.entries:
            self.used.add(key)
            return self.entries[key]
        return MISSING

    def put(self, key: bytes, data: Any) -> None:
        self.entries[key] = data
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Keep what this run used; write atomically; a read-only disk only costs speed."""
        if self.file is None or not (self.changed or self.used != self.entries.keys()):
            return
        kept = {key: self.entries[key] for key in sorted(self.used)}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            for stale in self.file.parent.glob("parsed-*.marshal"):
                if stale != self.file:
                    stale.unlink(missing_ok=True)
            partial = self.file.with_name(f".{self.file.name}.{os.getpid()}")
            partial.write_bytes(marshal.dumps(kept))
            os.replace(partial, self.file)
        except OSError:
            pass
