"""How content becomes a site: load, check, register, render, publish.

`build()` is the table of contents: one call per stage, in order. Everything is read
and checked before anything is written; pages are written only into publish's staging
folder, which replaces the site in one step.
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
from pipeline.searchglob import BuiltPages


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    files: int
    records: dict[str, int]
    warnings: list[ContentError] = field(default_factory=list)
    seconds: float = 0.0
    downloads: int = 0
    pages_kept: int = 0
    """Pages linked from the previous site because nothing they show changed (render/pagecache.py)."""


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
    Pages are written into the staging folder as they are rendered; if the permalink check
    then fails, publish removes the staging folder and the old site stays.
    """
    from pipeline.bundle import offline_copy
    from pipeline.publish import folder_beside, one_build_at_a_time, place_files, publish_with
    from pipeline.register import Register
    from pipeline.render import write_site
    from pipeline.render.markdowncache import MarkdownCache
    from pipeline.render.pagecache import PageCache
    from pipeline.urls import Urls

    started, stage = time.perf_counter(), progress or (lambda name: None)
    stage("reading and checking content")
    records, problems = validate(content_dir)                       # stages 1-2
    if any(not problem.is_warning for problem in problems):
        raise BuildFailed(problems)                                 # nothing rendered or written
    stage("linking records")
    register = Register.from_records(records, History.from_git(content_dir))  # stage 3
    urls = Urls(base_url or register.site.base_url, tuple(register.site.languages))
    with (one_build_at_a_time(content_dir, site_dir),                # the caches and the standby are this build's
          folder_beside(site_dir) as made):                           # files made before the staging folder exists
        markdown = MarkdownCache.for_content(content_dir)                 # rendered bodies kept between builds
        extra: dict[str, Path] = {}                                       # site path -> its file in `made`
        if with_offline_copy:                                             # stage 4a: file://, zipped, on disk
            stage("making the offline copy")
            copy = offline_copy(register, made / "offline-copy.zip", urls.base_url, markdown, (records, content_dir))
            extra[urls.data_file(copy.file_name)] = copy.path
        written: dict[str, int] = {}
        searchable: set[str] = set()                                     # the pages search indexes, from the plan
        sizes = {path: file.stat().st_size for path, file in extra.items()}
        listing = next(iter(sizes.items()), None)
        pages = PageCache.for_build(content_dir, site_dir, records, register, repr(urls))  # pages an edit leaves alone

        def render_into(staging: Path) -> None:
            stage("rendering pages")
            written.update(write_site(register, urls, staging, listing, markdown, pages, searchable))  # stage 4: in workers
            markdown.save()
            place_files(staging, extra)
            written.update(sizes)
            dropped = [] if update_permalinks else check_permalinks(content_dir, written)
            if dropped:
                raise BuildFailed(dropped)                              # a published URL would break: old site kept
            stage("writing the site")

        def built_pages() -> BuiltPages:  # asked for once render_into has run
            return BuiltPages(written, frozenset(searchable))

        publish_with(render_into, site_dir, after_staging=_after_staging(built_pages),  # stage 5: stage, index, swap
                     start_from=pages.start_from if pages else None,
                     keep_replaced_at=pages.keep_replaced_at if pages else None)
        PageCache.save_for(pages, content_dir, site_dir)                 # what the next build may link, not render
        if update_permalinks:
            write_manifest(content_dir, written)                        # by request: record the paths
    return BuildResult(
        site_dir=Path(site_dir), pages=sum(1 for p in written if p.endswith(".html")), files=len(written),
        records={name: len(entries) for name, entries in records.collections.items()} | {"pages": len(records.pages)},
        warnings=[p for p in problems if p.is_warning], seconds=time.perf_counter() - started,
        downloads=sum(1 for p in written if p.startswith(urls.data_file("")) and not p.endswith(".html")),
        pages_kept=pages.kept if pages else 0,
    )


def _after_staging(built_pages: Callable[[], BuiltPages]) -> list:
    """Steps that need the complete staged site on disk (the search index), told what the
    build wrote so they need not read it again."""
    from pipeline.search import index_site

    return [lambda staging: index_site(staging, built_pages())]


__all__ = ["BuildFailed", "BuildResult", "ContentError", "build", "validate"]
