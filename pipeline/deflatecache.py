"""Each file's deflated bytes, kept between builds for the offline copy's zip, read entry by entry.

Content-addressed like the other caches (pipeline/contentcache.py): keyed on the sha256 of
a file's bytes, the file named for this code, reproduciblezip.py's (its level) and zlib's
version, so a changed file, level or zlib can never get old bytes. But where those load a
marshal file whole and write it whole, this one is read entry by entry and written as a stream:
at 10,000 networks it holds 113,000 entries and 170 MB, which as a marshal dict raised a
rebuild's peak memory by 310 MB (the dict, and its marshal bytes while saving).

The file (`.cache/deflated-<code>.bin`): the deflated bytes one after the other, then a
marshal index {sha256: (offset, length, CRC-32 of the file, check)}, then MAGIC and the
index's offset. The check, a CRC-32 of the entry, is verified on use: bytes damaged on
disk are deflated again rather than put into the zip.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

from pipeline import contentcache
from pipeline.contentcache import MISSING

MAGIC = b"TRdefl01"
FOOTER = len(MAGIC) + 8

Deflated = tuple[int, bytes]
"""(CRC-32 of the file's bytes, its raw deflate stream)."""


class DeflateCache:
    """{sha256 of a file's bytes: (CRC-32, deflated bytes)}, loaded and saved once per build."""

    NAME = "deflated"

    def __init__(self, file: Path | None):
        self.file = file
        self._index: dict[bytes, tuple[int, int, int, int]] = {}
        self._stored: int | None = None
        """A descriptor of the stored file, read with pread: a memory map would count every
        page read towards the build's memory (170 MB at 10,000 networks)."""
        self._end = 0
        self._new: dict[bytes, Deflated] = {}
        self._used: set[bytes] = set()
        if file is not None and file.is_file():
            self._open(file)

    def _open(self, file: Path) -> None:
        try:
            stored = os.open(file, os.O_RDONLY)
        except OSError:
            return
        try:
            size = os.fstat(stored).st_size
            footer = os.pread(stored, FOOTER, size - FOOTER) if size >= FOOTER else b""
            start = int.from_bytes(footer[-8:], "little")
            if footer[:-8] != MAGIC or not 0 <= start <= size - FOOTER:
                raise ValueError("not a deflate cache")
            index = marshal.loads(os.pread(stored, size - FOOTER - start, start))
            if not isinstance(index, dict):
                raise ValueError("not a deflate cache")
            self._index, self._stored, self._end = index, stored, start
        except (OSError, ValueError, EOFError, TypeError):  # empty, damaged, from another Python
            os.close(stored)

    def close(self) -> None:
        if self._stored is not None:
            os.close(self._stored)
            self._stored = None

    def __del__(self) -> None:
        self.close()

    @classmethod
    def for_content(cls, content_dir: Path | None) -> "DeflateCache":
        """The cache of the register in `content_dir` (none when caches are switched off)."""
        return cls(contentcache.cache_file(content_dir, cls.NAME, cls.code_version(), ".bin"))

    @classmethod
    def code_version(cls) -> str:
        from pipeline import reproduciblezip  # its level decides the bytes

        return contentcache.code_version([Path(__file__), Path(reproduciblezip.__file__)],
                                         f"zlib {zlib.ZLIB_RUNTIME_VERSION}")

    @property
    def enabled(self) -> bool:
        return self.file is not None

    @property
    def added(self) -> int:
        """Entries put in this build (files deflated now)."""
        return len(self._new)

    def __len__(self) -> int:
        """Entries the loaded file holds."""
        return len(self._index)

    def get(self, key: bytes) -> Deflated | Any:
        """The deflated bytes for this key, or MISSING."""
        if key in self._new:
            self._used.add(key)
            return self._new[key]
        found = self._index.get(key)
        if found is None or self._stored is None:
            return MISSING
        if not _is_entry(found, self._end):
            return MISSING  # a damaged file: deflate again
        offset, length, crc, check = found
        deflated = os.pread(self._stored, length, offset)
        if _check(crc, deflated) != check:
            return MISSING
        self._used.add(key)
        return crc, deflated

    def put(self, key: bytes, value: Deflated) -> None:
        self._new[key] = value
        self._used.add(key)

    def save(self) -> None:
        """Keep what this build used, written entry by entry into a new file that then
        replaces the old; a read-only disk only costs speed."""
        if self.file is None or (not self._new and self._used == set(self._index)):
            self.close()  # nothing new, nothing dropped
            return
        partial = self.file.with_name(f".{self.file.name}.{os.getpid()}")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with open(partial, "wb") as out:
                index = {}
                for key in sorted(self._used):
                    if key in self._new:
                        crc, deflated = self._new[key]
                        check = _check(crc, deflated)
                    else:  # checked when first read: copied as it is
                        offset, length, crc, check = self._index[key]
                        deflated = os.pread(self._stored, length, offset)
                    index[key] = (out.tell(), len(deflated), crc, check)
                    out.write(deflated)
                start = out.tell()
                out.write(marshal.dumps(index) + MAGIC + start.to_bytes(8, "little"))
            os.replace(partial, self.file)
            contentcache.drop_other_versions(self.file, self.NAME)
        except OSError:
            partial.unlink(missing_ok=True)
        finally:
            self.close()


def _is_entry(found: Any, end: int) -> bool:
    """An index entry (offset, length, CRC-32, check) that points inside the stored bytes."""
    return (isinstance(found, tuple) and len(found) == 4 and all(isinstance(part, int) for part in found)
            and 0 <= found[0] <= found[0] + found[1] <= end and 0 <= found[2] < 1 << 32)


def _check(crc: int, deflated: bytes) -> int:
    """A CRC-32 of an entry's CRC and bytes: a damaged file is deflated again, never zipped."""
    return zlib.crc32(deflated, zlib.crc32(crc.to_bytes(4, "little")))
