"""Every content file's YAML, in order: from the parse cache, or parsed here with a helper's checks.

Parsing is most of `check` from scratch, and most of parsing is not yaml-rs but the
checks that keep it to plain files (pipeline/plainyaml.py). Sending parsed data back from
another process costs as much as parsing it (unmarshalling 120 objects a record), so a
large register is parsed here at once as yaml-rs reads it, while a forked helper makes
the checks on the same files and sends back only a verdict per file. A file the checks
send to the strict parse is then parsed again, strictly, from the same text: every
document, error and position is the one a single process would give.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from pipeline.contentcache import MISSING
from pipeline.parsecache import ParseCache
from pipeline.plainyaml import mapping_read_by_yaml_rs, plain_data
from pipeline.yamlfile import YamlDocument, YamlError, decode, parse

if TYPE_CHECKING:
    from pipeline.workers import Started

HELPER_FROM = 2000
"""Files below which a helper costs more than it saves (a fork and its verdicts)."""
HELPER_AFTER_MISSES = 100
"""Files not in the parse cache before the helper starts: a rebuild after a few edits
parses them here and forks nothing."""
READ_CHUNK = 1 << 16
"""Most content files fit in one read; the next, empty read says the file has ended."""

Parsed = tuple[YamlDocument | YamlError, bytes]
"""A file's document (or what is wrong with it) and the sha256 of its bytes (b"" when unreadable)."""


class ParsedFiles:
    """Iterate for every file's document in order; then `corrected()` for the few to replace.

    Once a helper runs, a document yaml-rs read is provisional until the helper's checks
    have found its file plain; without one (a small register, no fork, a warm cache)
    every document is final and `corrected()` is empty."""

    def __init__(self, paths: list[Path], cache: ParseCache):
        self.paths, self.cache = paths, cache
        self._helper: Started | None = None
        self._helped_from = len(paths)
        self._provisional: dict[int, tuple[YamlDocument, bytes]] = {}

    def __iter__(self) -> Iterator[Parsed]:
        misses = 0
        for index, path in enumerate(self.paths):
            if self._helper is not None:
                yield self._parse_at_once(index, path)
                continue
            parsed, missed = _parse_checked(path, self.cache)
            misses += missed
            if missed and misses == HELPER_AFTER_MISSES:
                self._start_helper(index + 1)
            yield parsed

    def _start_helper(self, first: int) -> None:
        """A helper for the files from `first` on, if there is a core for it."""
        from pipeline import workers  # multiprocessing: imported only when a helper may start (17 ms)

        if workers.count(len(self.paths), HELPER_FROM) > 1:
            self._helped_from = first
            self._helper = workers.Started(_verdicts, (self.paths[first:], self.cache))

    def corrected(self) -> Iterator[tuple[int, Parsed]]:
        """(index, final document) for each provisional document its checks refused."""
        if self._helper is None:
            return
        verdicts = self._helper_verdicts()
        for index, (document, key) in sorted(self._provisional.items()):
            if verdicts[index - self._helped_from] == (key, True):
                if self.cache.enabled:
                    self.cache.put(key, document.data)
                continue
            yield index, (parse_file(self.paths[index], text=document.text), key)
        self._provisional.clear()

    def close(self) -> None:
        """Stop the helper if `corrected()` was not run to its end."""
        if self._helper is not None:
            self._helper.stop()

    def _parse_at_once(self, index: int, path: Path) -> Parsed:
        """From the cache, or what yaml-rs reads, provisional until the helper's verdict;
        the strict way at once for anything yaml-rs does not read as a mapping."""
        found = _read_and_look_up(path, self.cache)
        if found is None:
            return parse_file(path), b""  # which reports it
        raw, key, data = found
        if data is not MISSING:
            return YamlDocument(data, decode(raw)), key
        try:
            text = decode(raw)
        except YamlError as error:
            return error, key
        data = mapping_read_by_yaml_rs(text)
        if data is None:
            return parse_file(path, text=text), key  # never plain: never cached
        document = YamlDocument(data, text)
        self._provisional[index] = (document, key)
        return document, key

    def _helper_verdicts(self) -> list[tuple[bytes, bool] | None]:
        try:
            return self._helper.result()
        except Exception:  # noqa: BLE001 - a helper that failed costs time, not correctness
            return _verdicts((self.paths[self._helped_from:], self.cache))


def _verdicts(shared: tuple[list[Path], ParseCache]) -> list[tuple[bytes, bool] | None]:
    """In the helper: (sha256 of the bytes, whether plainyaml finds the file plain) per
    file, None when unreadable. The key lets the main process trust a verdict only for
    the bytes it read itself."""
    paths, cache = shared
    found: list[tuple[bytes, bool] | None] = []
    for path in paths:
        try:
            raw = read_bytes(path)
        except OSError:
            found.append(None)
            continue
        key = hashlib.sha256(raw).digest()
        try:
            found.append((key, key in cache.entries or plain_data(decode(raw)) is not None))
        except YamlError:
            found.append((key, False))
    return found


def _parse_checked(path: Path, cache: ParseCache) -> tuple[Parsed, bool]:
    """One file from the cache or parsed with every check, the single-process way; and
    whether it had to be parsed."""
    found = _read_and_look_up(path, cache)
    if found is None:
        return (parse_file(path), b""), True  # which reports it
    raw, key, data = found
    if data is not MISSING:
        return (YamlDocument(data, decode(raw)), key), False  # these bytes decoded and parsed cleanly before
    document = parse_file(path, raw=raw)
    if isinstance(document, YamlDocument) and document.parsed_fast and cache.enabled:
        cache.put(key, document.data)
    return (document, key), True


def _read_and_look_up(path: Path, cache: ParseCache) -> tuple[bytes, bytes, Any] | None:
    """The file's bytes, their sha256 and their parsed data from the cache (MISSING when
    not there); None when the file cannot be read."""
    try:
        raw = read_bytes(path)
    except OSError:
        return None
    key = hashlib.sha256(raw).digest()
    return raw, key, cache.get(key)


def parse_file(path: Path, text: str | None = None, line_offset: int = 0,
               raw: bytes | None = None) -> YamlDocument | YamlError:
    """One file's YAML (from `text` or `raw` when already read), or what is wrong with it."""
    try:
        if text is None:
            text = decode(raw if raw is not None else path.read_bytes())
        return parse(text, str(path), line_offset)
    except YamlError as exc:
        return exc
    except OSError as exc:  # a broken link, a file without read permission
        return YamlError(f"cannot read the file: {exc.strerror or exc}",
                         hint="replace it with a readable .yaml file, or delete it")


def read_bytes(path: Path) -> bytes:
    """A file's bytes, read with plain system calls: the buffered file object Path.read_bytes
    builds for each file costs more than the read itself (0.2 s for 17,000 files)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(descriptor, READ_CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)
