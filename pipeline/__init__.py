"""How content becomes a site: load, check, register, render, publish."""

from __future__ import annotations

from pathlib import Path

from pipeline.check import check
from pipeline.errors import BuildFailed, ContentError
from pipeline.load import Records, load


def validate(content_dir: Path) -> tuple[Records, list[ContentError]]:
    """Stages 1 and 2: every file read and every rule checked; errors and warnings together."""
    records, errors = load(content_dir)
    errors += check(records)
    return records, sorted(errors)


__all__ = ["BuildFailed", "ContentError", "validate"]
