"""How problems and summaries are printed: the curator-facing text of the command line."""

from __future__ import annotations

import json
import sys

from pipeline.errors import ContentError


def problems(found: list[ContentError], strict: bool = False, as_json: bool = False) -> int:
    """Print errors and warnings; return the exit code (1 on errors, or warnings when strict)."""
    errors = [item for item in found if not item.is_warning]
    warnings = [item for item in found if item.is_warning]
    failed = bool(errors) or (strict and bool(warnings))
    if as_json:
        json.dump([item.as_dict() for item in sorted(found)], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 1 if failed else 0
    for item in sorted(found):
        print(item.format(), file=sys.stderr if failed else sys.stdout)
    print(summary_line(errors, warnings), file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0


def summary_line(errors: list[ContentError], warnings: list[ContentError]) -> str:
    if not errors and not warnings:
        return "content is valid: no errors, no warnings"
    parts = []
    if errors:
        parts.append(f"{_count(len(errors), 'error')} in {_count(len({e.path for e in errors}), 'file')}")
    if warnings:
        parts.append(f"{_count(len(warnings), 'warning')} in {_count(len({w.path for w in warnings}), 'file')}")
    return "; ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def built(result, quiet: bool = False) -> None:
    """The closing lines of a build: warnings, counts, time, and where to look (warnings only if quiet)."""
    for warning in result.warnings:
        print(warning.format())
    if quiet:
        return
    for line in built_lines(result):
        print(line)
    print(f"open {result.site_dir.resolve() / 'index.html'}")


def built_lines(result) -> list[str]:
    """What a build made: pages, downloads and files, records per collection, warnings, time."""
    records = ", ".join(_count(n, "free page" if name == "pages" else name.removesuffix("s"))
                        for name, n in result.records.items())
    warnings = _count(len(result.warnings), "warning") + (" (listed above)" if result.warnings else "")
    kept = (f"; {result.pages_kept:,} unchanged since the last build were kept, not rendered"
            if result.pages_kept else "")
    return [
        f"built {_count(result.pages, 'page')}, {_count(result.downloads, 'download')} "
        f"({_count(result.files, 'file')} in all) in {result.seconds:.1f} s{kept}",
        f"records: {records}",
        f"{warnings}",
    ]
