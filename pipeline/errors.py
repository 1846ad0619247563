"""Errors are data: a ContentError says where, what and how to fix; BuildFailed carries them all."""

from __future__ import annotations

from dataclasses import asdict, dataclass
import functools
import os
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem a curator can fix, at a position in a content file."""

    path: str
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        """`PATH:LINE:COL: error: FIELD: message (hint)`, the format editors understand."""
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        field = f"{self.field}: " if self.field else ""
        text = f"{where}: {self.severity}: {field}{self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text

    def as_dict(self) -> dict:
        """For `check --format json`: path, line, column, field, message, hint, severity."""
        data = asdict(self)
        data["column"] = data.pop("col")
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "ContentError":
        """The inverse of as_dict (the preview server reads errors back from its build process)."""
        fields = dict(data)
        fields["col"] = fields.pop("column", fields.get("col", 0))
        return cls(**fields)

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"


def display_path(path: Path | str, root: Path | str) -> str:
    """A path as the curator sees it: relative to the content folder's parent when possible."""
    text = os.fspath(path)
    parent, name = os.path.split(text)
    folder = _display_folder(parent, os.fspath(root))
    if folder is None:
        return text
    return f"{folder}/{name}" if folder else name


@functools.lru_cache(maxsize=256)
def _display_folder(folder: str, root: str) -> str | None:
    """A folder as display_path shows it (once per folder: a register has thousands of files in a few)."""
    full = os.path.join(os.path.abspath(folder), "")
    base = _display_base(root)
    return full[len(base):].rstrip(os.sep) if full.startswith(base) else None


@functools.lru_cache(maxsize=16)
def _display_base(root: str) -> str:
    """The folder above the content folder, with a trailing separator (string prefix tests are cheap)."""
    return os.path.join(os.path.dirname(os.path.abspath(root)), "")


class BuildFailed(Exception):
    """Raised once, with every error found; only build.py turns it into text."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__(f"{len(self.errors)} errors")
