"""Run one build stage by stage and print each stage's wall time, CPU time and peak memory as JSON.

Run in a fresh process per measurement (bench/run.py does), so peak memory is this build's.
The stages are the ones `pipeline.build()` runs, called one by one so each can be timed;
render and write are one stage (workers write the pages they render); the search index
(Pagefind, a separate program) and the offline copy (a second render, zipped) are timed
on their own, as extras beside the build.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main(content: Path, out: Path, with_search: bool, with_offline_copy: bool = False) -> dict:
    from pipeline.check import check
    from pipeline.history import History
    from pipeline.load import load
    from pipeline.publish import publish_with
    from pipeline.register import Register
    from pipeline.render import write_site
    from pipeline.render.markdowncache import MarkdownCache
    from pipeline.render.pagecache import PageCache
    from pipeline.urls import Urls

    stages, state = [], {}

    def timed(name, function):
        wall, cpu = time.perf_counter(), _cpu()
        result = function()
        stages.append({"stage": name, "wall": time.perf_counter() - wall, "cpu": _cpu() - cpu, "peak_mb": _peak_mb()})
        return result

    records, errors = timed("load", lambda: load(content))
    errors += timed("check", lambda: check(records))
    failed = [e for e in errors if not e.is_warning]
    if failed:
        raise SystemExit(f"benchmark content has errors: {failed[:3]}")
    register = timed("register", lambda: Register.from_records(records, History.from_git(content)))
    urls = Urls(register.site.base_url, tuple(register.site.languages))

    markdown = MarkdownCache.for_content(content)  # the caches are off for clean builds (TAKEDOWN_REGISTER_NO_CACHE)
    pages = PageCache.for_build(content, out, records, register, repr(urls))

    searchable: set[str] = set()

    def render(staging: Path) -> None:  # pages are written by the workers that render them
        state["written"] = timed("render", lambda: write_site(register, urls, staging, markdown_cache=markdown,
                                                              page_cache=pages, searchable=searchable))
        markdown.save()

    timed("publish", lambda: publish_with(render, out, start_from=pages.start_from if pages else None,
                                          keep_replaced_at=pages.keep_replaced_at if pages else None))
    PageCache.save_for(pages, content, out)
    publish = stages.pop()
    render_stage = stages[-1]
    stages.append({**publish, "wall": publish["wall"] - render_stage["wall"], "cpu": publish["cpu"] - render_stage["cpu"]})
    if with_search:
        from pipeline.search import index_site
        from pipeline.searchglob import BuiltPages
        timed("search", lambda: index_site(out, BuiltPages(state["written"], frozenset(searchable))))
    if with_offline_copy:
        from pipeline.bundle import offline_copy
        zipped = out.parent / "offline-copy.zip"
        timed("offline copy", lambda: offline_copy(register, zipped))
        zipped.unlink()
    written = state["written"]
    return {
        "stages": stages,
        "pages": sum(1 for path in written if path.endswith(".html")),
        "files": len(written),
        "bytes": sum(written.values()),
        "pages_kept": pages.kept if pages else 0,
    }


if __name__ == "__main__":
    content_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    print(json.dumps(main(content_dir, out_dir, "--search" in sys.argv, "--offline-copy" in sys.argv)))
