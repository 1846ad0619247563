"""Stage 5, the only writer: stage every file, index, then swap the new site in atomically.

The new site is written to a staging folder beside the output folder. Only when it is
complete does one renameat2(RENAME_EXCHANGE) swap it with the old site, so a reader (or a
build killed at any moment) sees the old site or the new one, never a mix. Leftover
staging or old folders from a killed build are cleaned up by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path
from typing import Callable

STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"

AfterStaging = Callable[[Path], None]


def publish(outputs: dict[str, bytes], site_dir: Path, after_staging: list[AfterStaging] = ()) -> Path:
    """Write `outputs` into `site_dir` atomically; return the staging path used."""
    site_dir = Path(site_dir).absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    staging = site_dir.parent / f".{site_dir.name}{STAGING_PREFIX}{os.getpid()}"
    try:
        _write_tree(staging, outputs)
        for step in after_staging:
            step(staging)
        _swap_in(staging, site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return staging


def recover(site_dir: Path) -> None:
    """Undo what a killed build left: restore a complete old site if the new one is missing."""
    for leftover in sorted(site_dir.parent.glob(f".{site_dir.name}{OLD_PREFIX}*")):
        if not site_dir.exists():
            os.rename(leftover, site_dir)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in sorted(site_dir.parent.glob(f".{site_dir.name}{STAGING_PREFIX}*")):
        shutil.rmtree(leftover, ignore_errors=True)


def _write_tree(root: Path, outputs: dict[str, bytes]) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir()
    made: set[Path] = set()
    for relative, content in sorted(outputs.items()):
        path = root / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(content)


def _swap_in(staging: Path, site_dir: Path) -> None:
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging)  # now holds the old site
        return
    # No renameat2 (not Linux): two renames; recover() restores the old site if killed between.
    old = site_dir.parent / f".{site_dir.name}{OLD_PREFIX}{os.getpid()}"
    os.rename(site_dir, old)
    os.rename(staging, site_dir)
    shutil.rmtree(old)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2; False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
