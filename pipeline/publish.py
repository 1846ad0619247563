"""Stage 5, the only writer: stage every file, index, then swap the new site in atomically.

(`write_files` is also what render workers call to write their pages into the staging
folder directly, so a large site is never held in memory; see render.write_site.)

The new site is written to a staging folder beside the output folder. Only when it is
complete does one renameat2(RENAME_EXCHANGE) swap it with the old site, so a reader (or a
build killed at any moment) sees the old site or the new one, never a mix. Leftover
staging or old folders from a killed build are cleaned up by the next build.

A build with the page cache keeps the replaced site as its standby (`keep_replaced_at`),
and the next one starts its staging folder from it (`start_from`), updating it in place
(render/standby.py). Otherwise the replaced site is removed by a background process: at
10,000 networks it is 113,000 files, and unlinking them took longer than half the build.
It is first renamed into a trash folder beside the site (`.takedown-register-trash/`), so
the next build can find and finish whatever a stopped remover left.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterator

from pipeline import contentcache

STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"
MADE_PREFIX = ".made-"
TRASH_FOLDER = ".takedown-register-trash"

AfterStaging = Callable[[Path], None]


@contextlib.contextmanager
def one_build_at_a_time(content_dir: Path, site_dir: Path) -> Iterator[None]:
    """Hold the site's lock: a second build of the same site (a curator's, while the preview
    builds in the background) waits, rather than clearing away the first one's staging
    folder or standby. The lock file is in `.cache/` beside the content, named for the site."""
    lock = contentcache.for_site(content_dir, site_dir, "site").with_suffix(".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the build ends, or its process does
        yield


@contextlib.contextmanager
def folder_beside(site_dir: Path) -> Iterator[Path]:
    """A private folder on the site's disk for files made before the staging folder exists
    (the offline copy's zip), so `place_files` can link them in; removed afterwards, with
    any a killed build left (the caller holds `one_build_at_a_time`)."""
    site_dir = Path(site_dir).absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in sorted(site_dir.parent.glob(f".{site_dir.name}{MADE_PREFIX}*")):
        shutil.rmtree(leftover, ignore_errors=True)
    folder = site_dir.parent / f".{site_dir.name}{MADE_PREFIX}{os.getpid()}"
    folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def place_files(root: Path, files: dict[str, Path]) -> None:
    """Put files made elsewhere at these paths under `root`: hard-linked on the same disk,
    else copied; never written into a file already there (it may share the live site's)."""
    for relative, source in sorted(files.items()):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)


def publish(outputs: dict[str, bytes], site_dir: Path, after_staging: list[AfterStaging] = ()) -> Path:
    """Write `outputs` into `site_dir` atomically; return the staging path used."""
    return publish_with(lambda staging: write_files(staging, outputs), site_dir, after_staging)


def publish_with(write: Callable[[Path], object], site_dir: Path, after_staging: list[AfterStaging] = (),
                 start_from: Path | None = None, keep_replaced_at: Path | None = None) -> Path:
    """Let `write` fill a staging folder, then swap it in as `site_dir` atomically.

    The staging folder is empty, or, with `start_from` (a folder on the site's disk), that
    folder moved into place for `write` to update. `keep_replaced_at` keeps the replaced
    site there instead of deleting it. If `write` (or a step after it) raises, the staging
    folder is removed and `site_dir` is left exactly as it was.
    """
    site_dir = Path(site_dir).absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    staging = site_dir.parent / f".{site_dir.name}{STAGING_PREFIX}{os.getpid()}"
    try:
        if staging.exists():
            shutil.rmtree(staging)
        _make_staging(staging, start_from)
        write(staging)
        for step in after_staging:
            step(staging)
        _swap_in(staging, site_dir, keep_replaced_at)
    finally:
        if staging.exists():
            discard(staging)
    return staging


def _make_staging(staging: Path, start_from: Path | None) -> None:
    if start_from is not None:
        try:
            os.rename(start_from, staging)
            return
        except OSError:
            pass  # gone (taken by another build) or on another disk: start empty
    staging.mkdir()


def recover(site_dir: Path) -> None:
    """Undo what a killed build left: restore a complete old site if the new one is missing."""
    for leftover in sorted(site_dir.parent.glob(f".{site_dir.name}{OLD_PREFIX}*")):
        if not site_dir.exists():
            os.rename(leftover, site_dir)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in sorted(site_dir.parent.glob(f".{site_dir.name}{STAGING_PREFIX}*")):
        discard(leftover)
    trash = site_dir.parent / TRASH_FOLDER
    for leftover in sorted(trash.iterdir()) if trash.is_dir() else ():
        _remove_in_background(leftover)  # its remover was stopped (a reboot): finish the work


def folder_identity(folder: Path) -> tuple[int, int, int]:
    """A folder as a rename leaves it: device, inode and change time (a swap or a copy changes them)."""
    found = os.stat(folder)
    return found.st_dev, found.st_ino, found.st_ctime_ns


def write_files(root: Path, outputs: dict[str, bytes]) -> None:
    """Write each path under `root`; safe to call from several processes at once (render workers)."""
    made: set[Path] = set()
    for relative, content in sorted(outputs.items()):
        path = root / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(content)


def _swap_in(staging: Path, site_dir: Path, keep_replaced_at: Path | None) -> None:
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if _exchange(staging, site_dir):
        _put_away(staging, site_dir, keep_replaced_at)  # now holds the old site
        return
    # No renameat2 (not Linux): two renames; recover() restores the old site if killed between.
    old = site_dir.parent / f".{site_dir.name}{OLD_PREFIX}{os.getpid()}"
    os.rename(site_dir, old)
    os.rename(staging, site_dir)
    _put_away(old, site_dir, keep_replaced_at)


def _put_away(replaced: Path, site_dir: Path, keep_at: Path | None) -> None:
    """Keep the replaced site at `keep_at` (a standby left there before is discarded), or discard it."""
    if keep_at is not None:
        try:
            if keep_at.exists():
                discard(keep_at, site_dir)
            keep_at.parent.mkdir(parents=True, exist_ok=True)
            os.rename(replaced, keep_at)
            return
        except OSError:
            pass  # on another disk than the site, or taken meanwhile
    discard(replaced)


def discard(folder: Path, site_dir: Path | None = None) -> None:
    """Move a replaced site into the trash folder and remove it there without waiting.

    The trash folder is the one beside `site_dir` when given (where the next build looks
    for a stopped remover's work), else beside `folder`."""
    trash = (site_dir or folder).parent / TRASH_FOLDER
    target = trash / f"{folder.name}-{os.urandom(4).hex()}"
    for _attempt in range(3):
        trash.mkdir(exist_ok=True)
        try:
            os.rename(folder, target)
            break
        except FileNotFoundError:
            continue  # a remover took the empty trash folder away meanwhile: make it again
        except OSError:
            if site_dir is None:
                raise
            return discard(folder)  # on another disk than the site: its own trash folder
    _remove_in_background(target)


_REMOVER = """
import os, shutil, sys
shutil.rmtree(sys.argv[1], ignore_errors=True)
try:
    os.rmdir(os.path.dirname(sys.argv[1]))  # the trash folder, once nothing else is in it
except OSError:
    pass
"""


def _remove_in_background(folder: Path) -> None:
    """A detached process deletes `folder`; the build does not wait for it. Two removers
    of one folder (a new build's and an old one still running) do no harm."""
    subprocess.Popen([sys.executable, "-c", _REMOVER, str(folder)], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


@functools.cache
def _renameat2():
    """libc's renameat2, or None (finding libc runs a program, so once per process)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return None
    return getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2; False where unsupported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
