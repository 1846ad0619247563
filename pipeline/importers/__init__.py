"""Importers: third-party data -> content records, written by request (`build.py import`).

Each importer reads one kind of input, maps it onto the schema and plans records; the
shared `apply` step validates them together with the rest of content/ and writes them
only if nothing would become invalid. An importer never prints: it returns an
ImportReport, and build.py prints it. Importers write only content/, like `build.py new`.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.importers.report import ImportReport


def _meta_threat_research(source: Path, content_dir: Path, dry_run: bool, commit: str | None) -> ImportReport:
    from pipeline.importers.meta_threat_research import run_import

    return run_import(source, content_dir, dry_run=dry_run, commit=commit)


IMPORTERS = {"meta-threat-research": _meta_threat_research}
"""Importer name (the `build.py import NAME` argument) -> its entry point."""


def run_import(importer: str, source: Path, content_dir: Path, dry_run: bool = False,
               commit: str | None = None) -> ImportReport:
    """Run one importer by name; an unknown name is a usage error (KeyError)."""
    return IMPORTERS[importer](Path(source), Path(content_dir), dry_run, commit)


__all__ = ["IMPORTERS", "ImportReport", "run_import"]
