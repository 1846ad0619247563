"""A content-addressed store on disk: {sha256 of an input: what the code made of it}.

One marshal file per kind of value, in `.cache/` beside the content folder, named for the
code that makes the values (a hash of its source files and library versions), so a
changed input or changed code can never get an old result. On saving, what the run used
is kept, and what it did not use only if it was used within the last `KEEP_UNUSED_FOR`
runs. marshal stores plain data (dicts, lists, text, numbers) and cannot run code.

Subclasses say what they store: `pipeline/parsecache.py` (parsed YAML) and
`pipeline/render/markdowncache.py` (rendered markdown).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

CACHE_FOLDER = ".cache"
DISABLE_VARIABLE = "TAKEDOWN_REGISTER_NO_CACHE"
"""Set (to anything) to use no cache at all, e.g. to time a build from scratch."""

MISSING = object()


ROOT = Path(__file__).resolve().parents[1]


def for_site(content_dir: Path, site_dir: Path, kind: str) -> Path:
    """`.cache/<kind>-<site>` beside the content: what a build keeps about one output folder
    (its manifest, standby, lock), named for the folder's absolute path."""
    site = str(Path(site_dir).absolute())
    return Path(content_dir).absolute().parent / CACHE_FOLDER / f"{kind}-{hashlib.sha256(site.encode()).hexdigest()[:16]}"


def cache_file(content_dir: Path | None, name: str, version: str, suffix: str) -> Path | None:
    """`.cache/<name>-<version><suffix>` beside the content: where a cache of one kind and
    code version lives; None when caches are switched off or the content is not known."""
    if content_dir is None or os.environ.get(DISABLE_VARIABLE):
        return None
    return Path(content_dir).absolute().parent / CACHE_FOLDER / f"{name}-{version}{suffix}"


def drop_other_versions(file: Path, name: str) -> None:
    """Delete the files of the cache `name` that other code versions made (after `file` is saved)."""
    for stale in file.parent.glob(f"{name}-*"):
        if stale != file:
            stale.unlink(missing_ok=True)


def code_version(sources: list[Path], versions: str) -> str:
    """A short hash of the code that makes a cache's values (each file's place in the
    project and its text), the library versions it depends on, and Python's."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(str(Path(source).resolve().relative_to(ROOT)).encode() + b"\x00" + Path(source).read_bytes())
    digest.update(f"{versions} {sys.version}".encode())
    return digest.hexdigest()[:16]


class ContentCache:
    """Loaded once and saved once per run; `get` and `put` in between."""

    NAME = "cache"
    """The file's name starts with this; files of other code versions are deleted on save."""
    KEEP_UNUSED_FOR = 0
    """Runs an entry is kept without being used (0: only what the last run used)."""

    def __init__(self, file: Path | None):
        self.file = file
        self.entries: dict[bytes, Any] = {}
        self.last_used: dict[bytes, int] = {}
        self.run = 0
        self.used: set[bytes] = set()
        self.changed = False
        if file is not None and file.is_file():
            try:
                stored = marshal.loads(file.read_bytes())
                self.entries, self.last_used, self.run = stored["entries"], stored["last_used"], stored["run"] + 1
            except (EOFError, ValueError, TypeError, KeyError, OSError):
                self.entries, self.last_used, self.run = {}, {}, 0  # unreadable or from another Python: start afresh

    @classmethod
    def code_version(cls) -> str:
        raise NotImplementedError

    @classmethod
    def for_content(cls, content_dir: Path | None) -> "ContentCache":
        """The cache of the register in `content_dir` (none when switched off or not known)."""
        return cls(cache_file(content_dir, cls.NAME, cls.code_version(), ".marshal"))

    @property
    def enabled(self) -> bool:
        return self.file is not None

    def key(self, raw: bytes) -> bytes | None:
        """The entry's key, or None when the cache is off (nothing to hash for)."""
        return hashlib.sha256(raw).digest() if self.file is not None else None

    def get(self, key: bytes | None) -> Any:
        """The value for this key, or MISSING."""
        if key is not None and key in self.entries:
            self.used.add(key)
            return self.entries[key]
        return MISSING

    def put(self, key: bytes, value: Any) -> None:
        self.entries[key] = value
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Keep what this run used; write atomically; a read-only disk only costs speed."""
        if self.file is None:
            return
        self.last_used.update(dict.fromkeys(self.used, self.run))
        kept_keys = sorted(key for key in self.entries
                           if self.run - self.last_used.get(key, -1) <= self.KEEP_UNUSED_FOR)
        if not self.changed and kept_keys == sorted(self.entries) and not self.KEEP_UNUSED_FOR:
            return  # nothing new, nothing dropped
        stored = {"run": self.run, "entries": {key: self.entries[key] for key in kept_keys},
                  "last_used": {key: self.last_used[key] for key in kept_keys}}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            drop_other_versions(self.file, self.NAME)
            partial = self.file.with_name(f".{self.file.name}.{os.getpid()}")
            partial.write_bytes(marshal.dumps(stored))
            os.replace(partial, self.file)
        except (OSError, ValueError):  # ValueError: marshal refuses a value over 2 GiB
            pass
