"""When each record was first published and last updated, without reading the clock.

Content wins: a record's `published:` date and its latest `corrections:` date. Where
content is silent, the git history of the record's file answers (one `git log` for the
whole content folder). Outside a git checkout, only content dates are known.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from schema.fields import PartialDate


@dataclass(frozen=True)
class History:
    """File path (relative to content/) -> (first commit date, last commit date)."""

    files: dict[str, tuple[PartialDate, PartialDate]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> "History":
        return cls({})

    @classmethod
    def from_git(cls, content_dir: Path) -> "History":
        """Read the dates of every committed content file with a single git call."""
        try:
            output = subprocess.run(
                ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--relative", "--", "."],
                cwd=content_dir, capture_output=True, text=True, check=True, timeout=60,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return cls.empty()
        files: dict[str, tuple[PartialDate, PartialDate]] = {}
        for commit in output.split("\0")[1:]:
            lines = [line for line in commit.splitlines() if line.strip()]
            if not lines:
                continue
            date = PartialDate.parse(lines[0])
            for name in lines[1:]:
                first, last = files.get(name, (date, date))
                files[name] = (min(first, date), max(last, date))
        return cls(files)

    def first_published(self, record, relative_path: str) -> PartialDate | None:
        if getattr(record, "published", None) is not None and not hasattr(record, "publisher"):
            return record.published
        dates = self.files.get(relative_path)
        return dates[0] if dates else None

    def last_updated(self, record, relative_path: str) -> PartialDate | None:
        corrections = [c.date for c in getattr(record, "corrections", [])]
        dates = self.files.get(relative_path)
        candidates = corrections + ([dates[1]] if dates else [])
        first = self.first_published(record, relative_path)
        if first:
            candidates.append(first)
        return max(candidates) if candidates else None


def build_date() -> PartialDate | None:
    """SOURCE_DATE_EPOCH as a date, for reproducible builds; None when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        return None
    moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return PartialDate(moment.year, moment.month, moment.day)
