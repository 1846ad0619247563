"""Planned records -> content files: decide what changes, validate everything, then write.

The order is the build's: read and check everything, then write once. Each record is
validated by its schema model; then the whole content folder is validated with the new
files in a temporary copy. Any error the import would add stops all writing, so the
register never holds a record that fails `build.py check`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pipeline import validate
from pipeline.errors import ContentError
from pipeline.importers.emit import dump
from pipeline.importers.provenance import IMPORTED, as_read, data_hash, hash_comment, read_stamp
from pipeline.importers.report import Change
from pipeline.yamlfile import parse
from schema import COLLECTIONS

_SCHEMA_NAMES = {"networks": "network", "sources": "source", "actors": "actor"}


@dataclass(frozen=True)
class PlannedFile:
    """One content file as the import would write it."""

    collection: str
    slug: str
    text: str
    data: dict[str, Any]
    """The data as the loader reads it back from `text`."""
    tracked: bool
    """Tracked files are updated on re-import unless edited; others are only ever created."""

    @property
    def path(self) -> str:
        return f"{self.collection}/{self.slug}.yaml"


def header(collection: str) -> str:
    return f"yaml-language-server: $schema=../../schema/json/{_SCHEMA_NAMES[collection]}.json"


def tracked_network(slug: str, data: dict, importer: str, path: str, commit: str) -> PlannedFile:
    """A network record stamped with where it came from and the hash of its data."""
    stamp = {"from": importer, "path": path, "commit": commit, "hash": data_hash(as_read(data))}
    text = dump({**data, IMPORTED: stamp}, header("networks"))
    return PlannedFile("networks", slug, text, parse(text).data, True)


def tracked_source(slug: str, data: dict, importer: str) -> PlannedFile:
    """A source record; its hash goes in a comment (Source has no `imported` field)."""
    text = dump(data, header("sources") + "\n" + hash_comment(importer, data_hash(as_read(data))))
    return PlannedFile("sources", slug, text, parse(text).data, True)


def created_once(collection: str, slug: str, data: dict) -> PlannedFile:
    """A record written only if missing (platform actors): curators own it afterwards."""
    text = dump(data, header(collection))
    return PlannedFile(collection, slug, text, parse(text).data, False)


def model_errors(planned: PlannedFile, default_language: str) -> list[str]:
    """What the record's schema model says is wrong with it, one line per error."""
    model = COLLECTIONS[planned.collection]
    try:
        model.model_validate(planned.data, context={"default_language": default_language})
    except ValidationError as exc:
        return [f"{'.'.join(str(part) for part in error['loc']) or '(record)'}: {error['msg']}"
                for error in exc.errors()]
    return []


def change_of(content_dir: Path, planned: PlannedFile, importer: str) -> Change:
    """new, updated, unchanged or skipped: what writing this file would do."""
    target = content_dir / planned.path
    if not target.is_file():
        return Change("new", planned.path)
    if not planned.tracked:
        return Change("unchanged", planned.path, "exists; not touched")
    stamp = read_stamp(target.read_bytes(), planned.path)
    if isinstance(stamp, str):
        return Change("skipped-edited", planned.path, stamp)
    if not stamp.is_imported or stamp.importer != importer:
        return Change("skipped-not-imported", planned.path, "a record with this slug exists and was not imported")
    if stamp.is_edited:
        return Change("skipped-edited", planned.path, "edited since it was imported")
    return Change("unchanged" if stamp.data == planned.data else "updated", planned.path)


def new_problems(content_dir: Path, files: list[PlannedFile]) -> list[ContentError]:
    """Errors and warnings that writing `files` would add to the content folder."""
    _records, before = validate(content_dir)
    with tempfile.TemporaryDirectory(prefix="import-") as scratch:
        copy = Path(scratch) / content_dir.resolve().name
        shutil.copytree(content_dir, copy)
        _write_files(copy, files)
        _records, after = validate(copy)
    seen = {_identity(error) for error in before}
    return [error for error in after if _identity(error) not in seen]


def write(content_dir: Path, files: list[PlannedFile]) -> None:
    _write_files(content_dir, files)


def _write_files(content_dir: Path, files: list[PlannedFile]) -> None:
    """Each file replaced atomically: a reader sees the old text or the new, never half."""
    for planned in files:
        target = content_dir / planned.path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_text(planned.text, encoding="utf-8", newline="\n")
        os.replace(partial, target)


def _identity(error: ContentError) -> tuple[str, str, str, str]:
    """An error without its line: lines shift when a file is rewritten, the problem does not."""
    return (error.path, error.field, error.message, error.severity)
