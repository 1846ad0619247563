"""The site the last swap replaced, kept so the next rebuild updates it instead of linking every file anew.

A rebuild keeps most pages as they are (render/pagecache.py). Linking each kept file from
the live site into an empty staging folder costs a system call or two per file: at 10,000
networks, 113,000 files and about 10 CPU-seconds of kernel time for an edit to one record.
So publish keeps the replaced site in `.cache/` (as this build's standby) instead of
deleting it, and the next build starts its staging folder from it: files that are already
as the new site needs them stay, everything else is deleted before anything is written.

The standby and the live site share most files (hard links), so nothing may ever be
written through a standby file: `prepare` leaves only files no writer touches (kept pages
and their companions), and any other path is written as a new file. A standby is trusted
only while its folder is the one recorded (device, inode, change time) and each kept file
still has the modification time and size the record says; anything else is deleted.
"""

from __future__ import annotations

import marshal
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import contentcache
from pipeline.publish import discard, folder_identity

FileState = tuple[bytes, int, int]
"""(content hash, modification time in ns, size): as in render/pagecache.py."""

RECORD_FORMAT = 1

WORTH_KEEPING = 0.5
"""Below this share of its files kept, a standby is discarded whole (in the background)
rather than emptied file by file."""


@dataclass
class Standby:
    """Where the replaced site is kept for this site folder, and the state of its files."""

    folder: Path
    files: dict[str, FileState] = field(default_factory=dict)
    """Empty when there is no standby the next build may trust."""

    @classmethod
    def for_site(cls, content_dir: Path, site_dir: Path) -> "Standby":
        folder, record = _paths(content_dir, site_dir)
        try:
            data = marshal.loads(record.read_bytes())
            if data["format"] == RECORD_FORMAT and data["folder"] == folder_identity(folder):
                return cls(folder, data["files"])
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            pass
        return cls(folder)

    def usable_files(self, live: dict[str, FileState], wanted: set[str]) -> set[str]:
        """The wanted files whose standby copy is the live site's (same bytes, same file)."""
        return {file for file in wanted if (state := self.files.get(file)) is not None and state == live.get(file)}

    @staticmethod
    def save(content_dir: Path, site_dir: Path, files: dict[str, FileState]) -> None:
        """After the swap: record the site just replaced (now the standby) with the state of its files."""
        folder, record = _paths(content_dir, site_dir)
        try:
            if not files or not folder.is_dir():
                record.unlink(missing_ok=True)
                return
            partial = record.with_name(f".{record.name}.{os.getpid()}")
            partial.write_bytes(marshal.dumps({"format": RECORD_FORMAT, "folder": folder_identity(folder),
                                               "files": dict(sorted(files.items()))}))
            os.replace(partial, record)
        except OSError:
            pass  # a read-only disk: the next build links every kept file

    @staticmethod
    def drop(content_dir: Path, site_dir: Path) -> None:
        """Forget and delete the standby (a build without the page cache cannot vouch for it)."""
        folder, record = _paths(content_dir, site_dir)
        try:
            record.unlink(missing_ok=True)
            if folder.is_dir():
                discard(folder, Path(site_dir).absolute())
        except OSError:
            pass


def start_listing(staging: Path) -> Future:
    """List the staging folder in a thread: mostly waiting on the disk, so the page plan
    is worked out meanwhile (`prepare` takes the result)."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="standby-listing")
    listing = executor.submit(_listing, staging)
    executor.shutdown(wait=False)  # the thread ends when the listing is done
    return listing


def prepare(staging: Path, keep: set[str], listing: Future) -> set[str]:
    """Make a staging folder that started as the standby hold only files named in `keep`;
    return those it holds. When most of it would go, it is discarded whole (in the
    background) and the staging folder starts empty. Whether a kept file is still as
    recorded is checked by the worker that links its page (`changed_since`)."""
    files, entries = listing.result()
    if not files:
        return set()
    kept = keep.intersection(files)
    if len(kept) < WORTH_KEEPING * len(files):
        discard(staging)
        staging.mkdir()
        return set()
    for relative in files - kept:
        os.unlink(staging / relative)
        entries[os.path.dirname(relative)] -= 1
    for folder in sorted(entries, key=len, reverse=True):  # deepest first: a parent may empty in turn
        if folder and entries[folder] == 0:
            os.rmdir(staging / folder)
            entries[os.path.dirname(folder)] -= 1
    return kept


def changed_since(staging: Path, files: list[str], states: dict[str, FileState]) -> list[str]:
    """Of these files kept in the staging folder, delete and return those whose modification
    time or size is not the recorded one (edited in place since: to be made again).
    Paths are joined as text: a Path per file cost a second at 10,000 networks."""
    changed, root = [], os.fspath(staging)
    for relative in files:
        path = f"{root}/{relative}"
        try:
            found = os.stat(path, follow_symlinks=False)
            if (found.st_mtime_ns, found.st_size) == states[relative][1:]:
                continue
            os.unlink(path)
        except FileNotFoundError:
            pass
        changed.append(relative)
    return changed


def _listing(root: Path) -> tuple[set[str], dict[str, int]]:
    """Every file below `root` (symbolic links included), and how many entries each folder
    holds ("" is `root`): one scandir per folder, no stat per file."""
    files: set[str] = set()
    entries: dict[str, int] = {}
    pending = [""]
    while pending:
        folder = pending.pop()
        with os.scandir(root / folder) as listing:
            found = list(listing)
        entries[folder] = len(found)
        for entry in found:
            relative = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(relative)
            else:
                files.add(relative)
    return files, entries


def _paths(content_dir: Path, site_dir: Path) -> tuple[Path, Path]:
    """(standby folder, its record), in `.cache/` beside the content."""
    folder = contentcache.for_site(content_dir, site_dir, "standby")
    return folder, folder.with_suffix(".marshal")
