"""What an import did, or would do: changes per record, input it could not read, blockers.

Errors are data here too: the importer never prints. `build.py import` prints
`ImportReport.format()` and exits with `ImportReport.exit_code`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import ContentError

STATUSES = ("new", "updated", "unchanged", "skipped-edited", "skipped-not-imported", "not-in-input")
"""new / updated / unchanged: what the import writes (or would). skipped-edited: a curator
changed the record since it was imported, so it is left alone. skipped-not-imported: a
record with that slug exists but no import wrote it. not-in-input: an imported record
whose input file is gone (kept; delete it by hand if the network should go)."""


@dataclass(frozen=True, order=True)
class InputProblem:
    """A row or file of the input the import could not use, and why."""

    path: str
    line: int
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f" — {self.hint}" if self.hint else "")


@dataclass(frozen=True, order=True)
class Change:
    """One content file and what the import does to it."""

    status: str
    path: str
    """Relative to the content folder: 'networks/meta-2024-q3-moldova-1.yaml'."""
    detail: str = ""


@dataclass
class ImportReport:
    importer: str
    source: Path
    commit: str = ""
    dry_run: bool = False
    changes: list[Change] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    """Input rows and files that were skipped; the import carries on without them."""
    notes: list[str] = field(default_factory=list)
    """Decisions worth a curator's look: conflicting figures, places that are not countries."""
    invalid: list[ContentError] = field(default_factory=list)
    """Validation errors the planned records would cause; any of them stops all writing."""
    fatal: list[str] = field(default_factory=list)
    """Why the input could not be read at all (wrong folder, no commit)."""
    written: bool = False

    @property
    def exit_code(self) -> int:
        """0 done (skipped rows are reported, not failures), 1 invalid records, 2 unusable input."""
        if self.fatal:
            return 2
        return 1 if self.invalid else 0

    def counts(self) -> dict[str, int]:
        found = Counter(change.status for change in self.changes)
        return {status: found[status] for status in STATUSES if found[status]}

    def format(self) -> str:
        """The text `build.py import` prints: changes, then problems, then one summary line."""
        lines = [f"{self.importer}: {line}" for line in self.fatal]
        lines += [f"{change.status:<22} {change.path}" + (f"  ({change.detail})" if change.detail else "")
                  for change in sorted(self.changes, key=_change_order) if change.status != "unchanged"]
        lines += [f"note: {note}" for note in self.notes]
        lines += [f"skipped input: {problem.format()}" for problem in sorted(self.problems)]
        lines += [error.format() for error in sorted(self.invalid)]
        lines.append(self.summary_line())
        return "\n".join(lines)

    def summary_line(self) -> str:
        if self.fatal:
            return "nothing imported"
        counts = ", ".join(f"{count} {status}" for status, count in self.counts().items()) or "no records"
        rows = f"; {len(self.problems)} input problem{'s' if len(self.problems) != 1 else ''}" if self.problems else ""
        if self.invalid:
            return f"nothing written: {len(self.invalid)} validation error(s) ({counts}{rows})"
        writes = any(change.status in ("new", "updated") for change in self.changes)
        verb = "nothing to write" if not writes else "would write" if self.dry_run else "wrote"
        return f"{verb}: {counts}{rows}" + (f" from commit {self.commit[:12]}" if self.commit else "")


def _change_order(change: Change) -> tuple[int, str]:
    return (STATUSES.index(change.status), change.path)
