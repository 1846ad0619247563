"""A byte-reproducible zip of files on disk, deflated on every core, each file's deflated
bytes kept between builds.

The offline copy (pipeline/bundle.py) zips the whole site: at 1,000 networks 11,500 files
and 77 MB, which zlib at level 9 took 2.7 CPU-s to deflate, two thirds of the offline
copy's time on a rebuild. A rebuild changes few of those files, so each file's deflated
bytes are kept in a content-addressed cache (pipeline/deflatecache.py, keyed on the
sha256 of the file's bytes). What is not in the cache is deflated in threads, since zlib
lets go of the interpreter lock while it works.

The zip is what zipfile's own `writestr` makes of the same files, byte for byte
(tests/pipeline/test_reproduciblezip.py compares them): the entries are sorted, carry one
time (SOURCE_DATE_EPOCH, or 1980-01-01) and fixed permissions. It is written to a file as
it is made (`write_zip`): at 10,000 networks it is 180 MB, which held in memory (and
copied once more out of the buffer) took a build's peak memory over 1 GB.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from pipeline.contentcache import MISSING
from pipeline.deflatecache import DeflateCache, Deflated

COMPRESS_LEVEL = 6
"""zlib's default. Level 9 made the zip 0.3 % smaller for the pages and 1 to 2 % for the
downloads, at 1.4 times the time for the pages and 3 times for the SQLite export (6.0
against 2.0 s for its 49 MB at 10,000 networks, deflated again on every rebuild)."""
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
FILES_PER_BATCH = 512
"""Files read, looked up and written per batch; what the cache lacks of a batch is deflated
on every core meanwhile. A batch bounds what is held in memory (at 10,000 networks the
site is 850 MB)."""

THREADS = os.cpu_count() or 1


def zip_bytes(folder: str, outputs: dict[str, Path], cache: DeflateCache | None = None) -> bytes:
    """`write_zip` into memory (tests, small sets of files)."""
    buffer = io.BytesIO()
    write_zip(buffer, folder, outputs, cache)
    return buffer.getvalue()


def write_zip(target: Path | BinaryIO, folder: str, outputs: dict[str, Path], cache: DeflateCache | None = None) -> None:
    """Write the zip of `outputs` (name in the zip under `folder`/ -> file on disk), sorted by
    name, to `target` (a path or a binary file open for writing); `cache`, if given, is read
    and filled (the caller saves it)."""
    cache = cache if cache is not None else DeflateCache(None)
    stamp = entry_time()
    names = sorted(outputs)
    with ThreadPoolExecutor(max_workers=THREADS) as pool, zipfile.ZipFile(target, "w") as archive:
        batches = (_Batch(names[start:start + FILES_PER_BATCH], outputs, cache, pool)
                   for start in range(0, len(names), FILES_PER_BATCH))
        ahead = next(batches, None)
        while ahead is not None:
            batch, ahead = ahead, next(batches, None)  # the next is read while the threads deflate this one
            batch.write(archive, folder, stamp)


class _Batch:
    """Some files read and looked up in the cache, the rest being deflated in the threads."""

    def __init__(self, names: list[str], outputs: dict[str, Path], cache: DeflateCache, pool: ThreadPoolExecutor):
        self.names, self.outputs, self.cache = names, outputs, cache
        contents = [outputs[name].read_bytes() for name in names]
        self.sizes = [len(data) for data in contents]
        self.keys = [hashlib.sha256(data).digest() for data in contents]
        self.known = [cache.get(key) for key in self.keys]
        missing = [data for data, found in zip(contents, self.known)
                   if found is MISSING and not _needs_zip64(len(data))]
        # Dealt round-robin, one task per thread: a future per file costs a tenth of deflating it.
        self.slices = [pool.submit(lambda part: [_deflate(data) for data in part], missing[index::THREADS])
                       for index in range(THREADS)]

    def write(self, archive: zipfile.ZipFile, folder: str, stamp: tuple[int, ...]) -> None:
        """Add the batch's entries in order, keeping what was deflated now in the cache."""
        made = [future.result() for future in self.slices]
        fresh = 0
        for name, size, key, found in zip(self.names, self.sizes, self.keys, self.known):
            info = _entry_info(f"{folder}/{name}", stamp)
            if _needs_zip64(size):  # a file of gigabytes: zipfile's own zip64 entry, not cached
                archive.writestr(info, self.outputs[name].read_bytes(), compresslevel=COMPRESS_LEVEL)
                continue
            if found is MISSING:
                found = made[fresh % THREADS][fresh // THREADS]
                fresh += 1
                if self.cache.enabled:
                    self.cache.put(key, found)
            _write_deflated(archive, info, size, *found)


def _needs_zip64(size: int) -> bool:
    """zipfile's own test (`_open_to_write`) for an entry that needs the zip64 extension."""
    return size * 1.05 > zipfile.ZIP64_LIMIT


def _deflate(data: bytes) -> Deflated:
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)  # as zipfile deflates
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def _entry_info(name: str, stamp: tuple[int, ...]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # unix, so the permission bits below are read
    info.external_attr = 0o100644 << 16
    return info


def _write_deflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int, crc: int, deflated: bytes) -> None:
    """Add an entry whose bytes are deflated already, as `ZipFile.writestr` would write it.

    zipfile has no public way to add deflated bytes, so this does what its writer does on
    close (Python 3.11's `_open_to_write` and `_ZipWriteFile.close`, for an entry without
    zip64); the test compares the result with writestr's."""
    info.file_size, info.compress_size, info.CRC = size, len(deflated), crc
    info.header_offset = archive.fp.tell()
    archive._writecheck(info)
    archive._didModify = True
    archive.fp.write(info.FileHeader(False))
    archive.fp.write(deflated)
    archive.start_dir = archive.fp.tell()
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info


def entry_time() -> tuple[int, int, int, int, int, int]:
    """SOURCE_DATE_EPOCH when set (not before 1980, which zip cannot store), else 1980-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ZIP_EPOCH
    return max(ZIP_EPOCH, tuple(time.gmtime(int(epoch))[:6]))
