"""Which records an import wrote, and whether a curator has edited them since.

A network record carries `imported: {from, path, commit, hash}`; `hash` is the SHA-256 of
the record's data without `imported`, as canonical JSON (sorted keys, no spaces, UTF-8).
Re-computing it from the file as it is now tells an untouched record (safe to update)
from one a curator edited (left alone). Formatting and comments are not data, so
re-indenting a file is not an edit.

Source records have no `imported` field in the schema yet, so their hash is kept in a
comment line (`# imported-hash: <importer> <sha256>`) with the same meaning.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from pipeline.importers.emit import dump
from pipeline.yamlfile import YamlError, decode, parse

IMPORTED = "imported"
_COMMENT_RE = re.compile(r"^#\s*imported-hash:\s*(?P<importer>\S+)\s+(?P<hash>[0-9a-f]{64})\s*$", re.M)


def data_hash(data: dict[str, Any]) -> str:
    """SHA-256 of a record's data without `imported`, as canonical JSON."""
    body = {key: value for key, value in data.items() if key != IMPORTED}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def as_read(data: dict[str, Any]) -> dict[str, Any]:
    """The data as the loader will read it back from the written file (ints, quoted strings)."""
    return parse(dump(data)).data


@dataclass(frozen=True)
class Stamp:
    """What an existing file says about its import: by whom, the hash then, the hash now."""

    importer: str | None
    stored: str | None
    current: str
    data: dict[str, Any]

    @property
    def is_imported(self) -> bool:
        return self.stored is not None

    @property
    def is_edited(self) -> bool:
        return self.stored is not None and self.stored != self.current


def read_stamp(raw: bytes, name: str) -> Stamp | str:
    """The provenance of an existing file, or a message when it cannot be read."""
    try:
        text = decode(raw)
        data = parse(text, name).data
    except YamlError as exc:
        return f"cannot be read ({exc.message} at line {exc.line})"
    if not isinstance(data, dict):
        return "is not a mapping"
    imported = data.get(IMPORTED)
    if isinstance(imported, dict):
        return Stamp(imported.get("from"), imported.get("hash"), data_hash(data), data)
    comment = _COMMENT_RE.search(text)
    if comment:
        return Stamp(comment["importer"], comment["hash"], data_hash(data), data)
    return Stamp(None, None, data_hash(data), data)


def hash_comment(importer: str, digest: str) -> str:
    return f"imported-hash: {importer} {digest}"
