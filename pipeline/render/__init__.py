"""Stage 4: Register -> the site's files, rendered in worker processes, written into the staging folder.

What the site is made of (PAGES, OUTPUTS, the page plan) is in render/plan.py; this module
divides the work among processes, keeps what a rebuild may keep (render/pagecache.py) and
writes (`write_site`), or returns the bytes (`render_site`, for tests and small sites).
"""

from __future__ import annotations

import itertools
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pipeline.register import Register
from pipeline.render import downloads
from pipeline.render.companions import companion_files
from pipeline.render.environment import TEMPLATES_DIR, language_callables, make_environment
from pipeline.render.fragments import PageFragments
from pipeline.render.i18n import language_autonym
from pipeline.render.markdowncache import MarkdownCache, NewEntries
from pipeline.render.pagecache import (FileState, FragmentEntry, PageCache, TrackedRegister, content_hash, file_state,
                                       keep_or_link, link_previous)
from pipeline.render.pages import PageData
from pipeline.render.plan import OUTPUTS, PAGES, OfflineListing, pages_of, plan
from pipeline.render.standby import start_listing
from pipeline import gctuning, workers
from pipeline.publish import write_files
from pipeline.searchglob import marked_templates
from pipeline.urls import Urls
from schema import COLLECTIONS

__all__ = ["OUTPUTS", "PAGES", "plan", "render_page", "render_site", "write_site"]

RENDERED_WITH = {downloads.downloads: "data"}
"""OUTPUTS rows that also render the pages of one kind: /data/ shows the sizes of the
downloads, so both come from one computation of the tables, in one worker."""

STARTED_EARLY = (downloads.downloads, downloads.data_page)
"""(OUTPUTS row, PAGES row it renders): the row that needs no page plan and takes longest
(8 s at 10,000 networks). On a large site it starts in a process of its own before the
plan is worked out (seconds in the main process on a rebuild), writes beside the staging
folder, and its files are moved in once the staging folder is ready (a standby is
emptied first: render/standby.py)."""

RENDERED_FIRST = {"charts", "card-deck"}
"""Page kinds that show every network on one page (seconds each at 10,000 networks): with
workers, each is a task of its own, started first, so no core is left finishing one alone."""

PARALLEL_FROM_PAGES = 600
"""Below this many pages, starting worker processes costs more than it saves."""

SHARDS_PER_WORKER = 4
PAGES_PER_SHARD = 1000
"""Pages are dealt into at least SHARDS_PER_WORKER shards per core, and more on a large site,
so the last shard to finish is short and no core waits long for it (at 10,000 networks a
quarter of the pages per core took 20 to 35 s)."""


def render_site(register: Register, urls: Urls, offline_copy: OfflineListing | None = None) -> dict[str, bytes]:
    """Every output file of the site, in memory: path -> bytes, sorted (tests, small sites)."""
    outputs: dict[str, bytes] = {}
    job = _Job(register, register, urls, plan(register, urls, offline_copy), None)
    for result in _run_tasks(job):
        _merge(outputs, result.files)
    return dict(sorted(outputs.items()))


def write_site(register: Register, urls: Urls, folder: Path, offline_copy: OfflineListing | None = None,
               markdown_cache: MarkdownCache | None = None, page_cache: PageCache | None = None,
               searchable: set[str] | None = None) -> dict[str, int]:
    """Render every output straight into `folder`; return path -> size, sorted.

    Each worker writes the files it renders, so a large register is never held in memory
    at once and writing happens on every core. The bytes are the same as render_site's.
    `markdown_cache`, if given, is read and filled; `page_cache`, if given, links the pages
    whose inputs did not change from the live site and notes what the others read (the
    caller saves both). `searchable`, if given, receives the files of the pages whose
    template marks them for search (left empty when the templates cannot tell: the search
    index then reads the site for the mark).
    """
    folder = Path(folder)
    early = _start_early(register, urls, folder, offline_copy, markdown_cache, page_cache)
    try:
        pages_see = page_cache.tracked() if page_cache is not None else register
        listing = start_listing(folder) if page_cache is not None else None  # meanwhile, plan
        with gctuning.paused():  # the plan makes no cycles; collections would rescan it (1.4 s at 10,000 networks)
            planned = plan(pages_see, urls, offline_copy)
            if searchable is not None:
                searchable.update(_marked_files(planned, urls))
            reuse = page_cache.reusable(planned, urls.file_for) if page_cache is not None else {}
            in_place = page_cache.keep_in_place(folder, reuse, listing) if page_cache is not None else set()
        job = _Job(register, pages_see, urls, planned, folder, markdown_cache, page_cache, reuse, in_place,
                   started_early=early is not None)
        written: dict[str, int] = {}
        finished_early = (early.finish(folder) for early in ([early] if early else []))  # after the pages
        for result in itertools.chain(_run_tasks(job), finished_early):
            _merge(written, result.files)
            if markdown_cache is not None:
                markdown_cache.merge(result.markdown)
            if page_cache is not None:
                page_cache.took(result.reads, result.companions, result.states,
                                kept=sum(1 for file in result.files if file in reuse and file not in result.reads),
                                fragments=result.fragments)
    finally:
        if early:
            early.stop()
    return dict(sorted(written.items()))


def _marked_files(planned: list[PageData], urls: Urls) -> set[str]:
    """The files of the planned pages whose template writes the search mark."""
    marked = marked_templates(TEMPLATES_DIR)
    return {urls.file_for(page.path) for page in planned if page.template in marked} if marked else set()


class _Early:
    """STARTED_EARLY's task, running in a forked process into a folder beside the staging folder."""

    def __init__(self, job: "_Job"):
        self.folder = job.folder
        self.started = workers.Started(_run_first_task, job)

    def finish(self, staging: Path) -> "_Result":
        """Its result, once its files are moved into the staging folder (their paths, not their bytes)."""
        result = self.started.result()
        made = set()
        for relative in sorted(result.files):
            target = staging / relative
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            os.replace(self.folder / relative, target)
        return result

    def stop(self) -> None:
        self.started.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def _start_early(register: Register, urls: Urls, folder: Path, offline_copy: OfflineListing | None,
                 markdown_cache: MarkdownCache | None, page_cache: PageCache | None) -> _Early | None:
    """Start STARTED_EARLY (with the pages it renders) when the site is large enough for workers."""
    estimate = len(urls.languages) * sum(len(register.collection(name)) for name in COLLECTIONS)
    if workers.count(estimate, PARALLEL_FROM_PAGES) == 1:
        return None
    beside = folder.with_name(folder.name + ".early")
    shutil.rmtree(beside, ignore_errors=True)
    beside.mkdir()
    row, page_kind = STARTED_EARLY
    pages = [page for lang in urls.languages for page in pages_of(page_kind, register, urls, lang, offline_copy)]
    job = _Job(register, register, urls, pages, beside, markdown_cache, page_cache)
    job.tasks = [("output", OUTPUTS.index(row))]
    job.env = _environment(pages)
    job.env.markdown_cache, job.env.fragments = markdown_cache, None
    return _Early(job)


def _run_first_task(job: "_Job") -> "_Result":
    return _run_task(job, 0)


def _merge(into: dict, more: dict) -> None:
    """Add one task's files; two tasks writing one path would make the output depend on timing."""
    clash = into.keys() & more.keys()
    if clash:
        raise RuntimeError(f"two outputs claim {sorted(clash)[:3]}: each path must come from one PAGES or OUTPUTS row")
    into.update(more)


@dataclass
class _Job:
    """What every task of one render shares (forked workers read it without copying)."""

    register: Register
    pages_see: Register | TrackedRegister
    """The register page templates get: a TrackedRegister when a page cache records reads."""
    urls: Urls
    planned: list[PageData]
    folder: Path | None
    """None: return the bytes (render_site); else write them there."""
    markdown_cache: MarkdownCache | None = None
    page_cache: PageCache | None = None
    """When given: files written again with the live site's bytes are linked instead."""
    reuse: dict[str, int] = field(default_factory=dict)
    """file -> size of the pages to link from the live site instead of rendering."""
    in_place: set[str] = field(default_factory=set)
    """Files of those pages (and companions) the staging folder already holds (render/standby.py)."""
    started_early: bool = False
    """STARTED_EARLY runs in a process of its own (_Early), not among these tasks."""
    alone: set[int] = field(default_factory=set)
    """Indexes into `planned` of the pages that are tasks of their own (RENDERED_FIRST)."""
    env: Any = None
    shards: int = 1
    tasks: list[tuple[str, int]] = field(default_factory=list)
    """("page", index into planned), ("output", index into OUTPUTS) or ("pages", shard number)."""


@dataclass
class _Result:
    files: dict
    """path -> bytes (render_site) or size (written)."""
    markdown: NewEntries | None = None
    reads: dict[str, tuple] = field(default_factory=dict)
    """file -> what the page read, for each page rendered with a TrackedRegister."""
    companions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """file -> its companion files, for each page rendered with a TrackedRegister."""
    fragments: dict[str, FragmentEntry | None] = field(default_factory=dict)
    """Deck cards the task used (render/fragments.py; None: kept as it was), when a page cache keeps them."""
    states: dict[str, FileState] = field(default_factory=dict)
    """file -> state of each file written or linked, when a page cache keeps them."""


def _run_tasks(job: _Job) -> Iterable[_Result]:
    """Every page shard and every OUTPUTS row, on every core when the site is large.

    Forked workers share the Register, the page plan and the compiled templates without
    copying them. Which worker runs which task does not change any byte: results are
    merged by path.
    """
    count = workers.count(len(job.planned), PARALLEL_FROM_PAGES)
    job.shards = max(count * SHARDS_PER_WORKER, -(-len(job.planned) // PAGES_PER_SHARD)) if count > 1 else 1
    job.alone = {index for index, page in enumerate(job.planned) if page.kind in RENDERED_FIRST} if count > 1 else set()
    job.tasks = [("page", index) for index in sorted(job.alone)]
    job.tasks += [("output", index) for index, row in enumerate(OUTPUTS)
                  if not (job.started_early and row is STARTED_EARLY[0])]
    job.tasks += [("pages", shard) for shard in range(job.shards)]
    job.env = _environment(job.planned)
    job.env.markdown_cache = job.markdown_cache  # read by the md filter (environment._cached_markdown)
    job.env.fragments = None if job.page_cache is None else PageFragments(  # read by environment._kept
        job.page_cache.previous_fragments, job.page_cache.fingerprints, job.page_cache.setting)
    with gctuning.frozen():  # the register and the plan are never scanned again, nor copied by workers
        yield from workers.run(_run_task, job, len(job.tasks), count, ordered=False)


def _run_task(job: _Job, number: int) -> _Result:
    kind, index = job.tasks[number]
    result = _Result({})
    if kind == "output":
        row = OUTPUTS[index]
        outputs = row(job.register, job.urls, job.planned)
        if row in RENDERED_WITH:
            outputs |= _render_shard(job.env, job.register, job.urls,
                                     [p for p in job.planned if p.kind == RENDERED_WITH[row]], result)
    else:
        kinds_elsewhere = set(RENDERED_WITH.values())
        pages = [job.planned[index]] if kind == "page" else [
            job.planned[number] for number in range(index, len(job.planned), job.shards)
            if number not in job.alone and job.planned[number].kind not in kinds_elsewhere]
        pages, result.files = _link_unchanged(job, pages, result.states)
        outputs = _render_shard(job.env, job.pages_see, job.urls, pages, result)
    result.markdown = job.env.markdown_cache.take_new() if job.env.markdown_cache is not None else None
    result.fragments = job.env.fragments.take() if job.env.fragments is not None else {}
    result.files |= outputs if job.folder is None else _write(job, outputs, result.states)
    return result


def _link_unchanged(job: _Job, pages: list[PageData],
                    states: dict[str, FileState]) -> tuple[list[PageData], dict[str, int]]:
    """Link the shard's unchanged pages, with their companion files, from the live site
    (unless the staging folder holds them already); return the pages left to render (any
    whose page or companions could not all be linked)."""
    files = [job.urls.file_for(page.path) for page in pages]
    unchanged = [file for file in files if file in job.reuse]
    if not unchanged:
        return pages, {}
    previous, companions = job.page_cache.previous_files, job.page_cache.companions_before
    groups = {file: (file, *companions(file)) for file in unchanged}
    wanted = [member for group in groups.values() for member in group]
    failed = set(keep_or_link(job.page_cache.previous_site, job.folder, wanted, job.in_place, previous))
    linked = {}
    for file, group in groups.items():
        if failed.isdisjoint(group):
            linked.update({member: previous[member][2] for member in group})
        else:  # render the page and its companions again: nothing of it may stay linked
            for member in group:
                if member not in failed:
                    (job.folder / member).unlink()
    states.update({file: previous[file] for file in linked})
    return [page for page, file in zip(pages, files) if file not in linked], linked


def _write(job: _Job, outputs: dict[str, bytes], states: dict[str, FileState]) -> dict[str, int]:
    """Write the files, or, where the live site has the same bytes, link them (cheaper
    than writing, and the two sites share the disk space)."""
    if job.page_cache is None:
        write_files(job.folder, outputs)
        return {relative: len(data) for relative, data in outputs.items()}
    previous = job.page_cache.previous_files
    same = [relative for relative, data in outputs.items()
            if (before := previous.get(relative)) and before[0] == content_hash(data)]
    linked = set(same) - set(link_previous(job.page_cache.previous_site, job.folder, same, previous))
    to_write = {relative: data for relative, data in outputs.items() if relative not in linked}
    write_files(job.folder, to_write)
    states.update({relative: previous[relative] for relative in linked})
    states.update({relative: file_state(data, job.folder / relative) for relative, data in to_write.items()})
    return {relative: len(data) for relative, data in outputs.items()}


def _environment(planned: list[PageData]):
    """One Jinja environment with every template the plan uses compiled (before forking)."""
    env = make_environment()
    for name in sorted({page.template for page in planned}):
        env.get_template(name)
    return env


def _render_shard(env, register: Register | TrackedRegister, urls: Urls, pages: list[PageData],
                  result: _Result) -> dict[str, bytes]:
    """Render pages and their companion files; with a TrackedRegister, note in `result`
    what each page (companions included) read, and which companions it has."""
    rendered: dict[str, bytes] = {}
    tracking = isinstance(register, TrackedRegister)
    for page in pages:
        file = urls.file_for(page.path)
        if tracking:
            register.reads = set()
        rendered[file] = render_page(env, register, urls, page)
        companions = companion_files(register, urls, page)
        _merge(rendered, companions)
        if tracking:
            result.reads[file], register.reads = tuple(sorted(register.reads)), None
            result.companions[file] = tuple(sorted(companions))
    return rendered


def render_page(env, register: Register, urls: Urls, page: PageData) -> bytes:
    """One page's HTML (the preview renders single pages on request with this)."""
    return env.get_template(page.template).render(page_context(register, urls, page)).encode("utf-8")


def page_context(register: Register, urls: Urls, page: PageData) -> dict:
    """What every template sees, plus the page's own context (its costly part worked out now)."""
    lang = page.context.get("lang") or (  # a page outside the language folders says its own (cards-ru.html)
        urls.language_of(page.path) if page.path != "404.html" else urls.default_language)
    alternates = [(code, language_autonym(code), urls.in_language(page.path, code))
                  for code in urls.languages] if page.path != "404.html" else []
    return {
        **page.context,
        **(page.details() if page.details else {}),
        "site": register.site,
        "register": register,
        "urls": urls,
        "lang": lang,
        "default_lang": urls.default_language,
        "path": page.path,
        "page": page,
        "canonical": urls.absolute(page.path),
        "alternates": alternates,
        **language_callables(lang),
    }
