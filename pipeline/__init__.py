"""How content becomes a site: load, check, register, render, publish.

`build()` is the table of contents: one call per stage, in order. Everything is read
and checked before anything is written; only `publish` writes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.check import check
from pipeline.errors import BuildFailed, ContentError
from pipeline.history import History
from pipeline.load import Records, load
from pipeline.permalinks import check_permalinks, write_manifest


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    files: int
    records: dict[str, int]
    warnings: list[ContentError] = field(default_factory=list)
    seconds: float = 0.0
    downloads: int = 0


def validate(content_dir: Path) -> tuple[Records, list[ContentError]]:
    """Stages 1 and 2: every file read and every rule checked; errors and warnings together."""
    records, errors = load(content_dir)
    errors += check(records)
    return records, sorted(errors)


def build(content_dir: Path, site_dir: Path, base_url: str | None = None,
          progress: Callable[[str], None] | None = None, update_permalinks: bool = False,
          with_offline_copy: bool = True) -> BuildResult:
    """Validate, link, render and publish; raise BuildFailed (writing nothing) on any error.

    `progress`, if given, is called with each stage's name as it starts (see pipeline/progress.py).
    `with_offline_copy` adds the classroom zip to data/ and to /data/ (pipeline/bundle.py);
    it renders the site twice, so the preview (`build.py serve`) and `--no-bundle` leave it out.
    """
    from pipeline.bundle import offer, offline_copy
    from pipeline.publish import publish
    from pipeline.register import Register
    from pipeline.render import render_site
    from pipeline.urls import Urls

    started, stage = time.perf_counter(), progress or (lambda name: None)
    stage("reading and checking content")
    records, problems = validate(content_dir)                       # stages 1-2
    if any(not problem.is_warning for problem in problems):
        raise BuildFailed(problems)                                 # nothing rendered or written
    stage("linking records")
    register = Register.from_records(records, History.from_git(content_dir))  # stage 3
    urls = Urls(base_url or register.site.base_url, tuple(register.site.languages))
    if with_offline_copy:
        stage("making the offline copy")
        offline = offline_copy(register, urls.base_url)             # stage 4a: the site for file://, zipped
    stage("rendering pages")
    outputs = render_site(register, urls)                           # stage 4: {path: bytes}
    if with_offline_copy:
        outputs = offer(register, urls, outputs, offline)           # the zip in data/, listed on /data/
    dropped = [] if update_permalinks else check_permalinks(content_dir, outputs)
    if dropped:
        raise BuildFailed(dropped)                                  # a published URL would break
    stage("writing the site")
    publish(outputs, site_dir, after_staging=_after_staging())      # stage 5: stage, index, swap
    if update_permalinks:
        write_manifest(content_dir, outputs)                        # by request: record the paths
    return BuildResult(
        site_dir=Path(site_dir), pages=sum(1 for p in outputs if p.endswith(".html")), files=len(outputs),
        records={name: len(entries) for name, entries in records.collections.items()} | {"pages": len(records.pages)},
        warnings=[p for p in problems if p.is_warning], seconds=time.perf_counter() - started,
        downloads=sum(1 for p in outputs if p.startswith(urls.data_file("")) and not p.endswith(".html")),
    )


def _after_staging() -> list:
    """Steps that need the complete staged site on disk (the search index)."""
    from pipeline.search import index_site

    return [index_site]


__all__ = ["BuildFailed", "BuildResult", "ContentError", "build", "validate"]
