"""The offline copy for classrooms: the whole site in one reproducible zip, opened from disk.

It is the same render as `build()` with `Urls(offline=True)`, so every link names a file
(`networks/x/index.html`): a browser opening `networks/x/` from disk shows a folder listing.
Links inside content markdown are rewritten the same way (see `Urls.content_link`).
Left out: the search index (Pagefind cannot run from file://; the search page then points
to the filterable lists) and 404.html (only a web server shows it).

`offline_copy()` is the one producer of the zip, which it writes to a file as it is made
(never held in memory: 180 MB at 10,000 networks). Two commands use it:
`build()` publishes it at `data/<name>.zip` and lists it on /data/;
`build.py bundle` writes the same bytes into dist/ (by request, like `import` and `new`).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline import validate
from pipeline.contentcache import CACHE_FOLDER, DISABLE_VARIABLE
from pipeline.deflatecache import DeflateCache
from pipeline.errors import BuildFailed
from pipeline.history import History
from pipeline.load import Records
from pipeline.publish import publish_with
from pipeline.register import Register
from pipeline.render import write_site
from pipeline.render.markdowncache import MarkdownCache
from pipeline.render.pagecache import PageCache
from pipeline.reproduciblezip import write_zip
from pipeline.urls import Urls

NAME = "takedown-register-{version}"
LEFT_OUT = ("404.html",)


@dataclass(frozen=True)
class OfflineCopy:
    """The zip, written at `path`, and its name: `<name>.zip` in dist/, `data/<name>.zip` in the site."""

    name: str
    path: Path

    @property
    def file_name(self) -> str:
        return file_name(self.name)


def copy_name(register: Register) -> str:
    """The zip's folder and file name, for the register's version."""
    return NAME.format(version=register.site.version or "dev")


def file_name(name: str) -> str:
    return f"{name}.zip"


def offline_copy(register: Register, target: Path, base_url: str | None = None,
                 markdown_cache: MarkdownCache | None = None, kept_for: tuple[Records, Path] | None = None
                 ) -> OfflineCopy:
    """The whole site rendered for file:// and zipped, into one folder named for the version,
    at `target`.

    Rendered into a folder and zipped from there, so a large register is never held in
    memory twice. With `kept_for` (the records and their content folder, as `build` passes
    them) the rendered copy is kept in `.cache/offline-copy/` and the next build renders
    only the pages that changed (render/pagecache.py), and only the files that changed are
    deflated again (pipeline/reproduciblezip.py); otherwise a temporary folder is used.
    `markdown_cache` is the build's (it saves it).
    """
    urls = Urls(base_url or register.site.base_url, tuple(register.site.languages), offline=True)
    name = copy_name(register)
    if kept_for is None or os.environ.get(DISABLE_VARIABLE):
        with tempfile.TemporaryDirectory(prefix="offline-copy-") as folder:
            written = write_site(register, urls, Path(folder), markdown_cache=markdown_cache)
            _zip_folder(target, name, Path(folder), written)
            return OfflineCopy(name, Path(target))
    records, content_dir = kept_for
    folder = Path(content_dir).absolute().parent / CACHE_FOLDER / "offline-copy"
    pages = PageCache.for_build(content_dir, folder, records, register, repr(urls))
    written: dict[str, int] = {}
    publish_with(lambda staging: written.update(write_site(register, urls, staging, markdown_cache=markdown_cache,
                                                           page_cache=pages)), folder,
                 start_from=pages.start_from, keep_replaced_at=pages.keep_replaced_at)
    PageCache.save_for(pages, content_dir, folder)
    deflated = DeflateCache.for_content(content_dir)
    _zip_folder(target, name, folder, written, deflated)
    deflated.save()
    return OfflineCopy(name, Path(target))


def _zip_folder(target: Path, name: str, folder: Path, written: dict[str, int], cache: DeflateCache | None = None) -> None:
    write_zip(target, name, {path: folder / path for path in written if path not in LEFT_OUT}, cache)


def bundle(content_dir: Path, dist_dir: Path) -> Path:
    """Validate, render for file://, and write dist/takedown-register-<version>.zip; return its path."""
    records, problems = validate(content_dir)
    if any(not problem.is_warning for problem in problems):
        raise BuildFailed(problems)
    register = Register.from_records(records, History.from_git(content_dir))
    target = Path(dist_dir) / file_name(copy_name(register))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        offline_copy(register, partial)
        os.replace(partial, target)  # never a half-written zip under the real name
    finally:
        partial.unlink(missing_ok=True)
    return target
