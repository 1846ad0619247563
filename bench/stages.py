"""Run one build stage by stage and print each stage's wall time, CPU time and peak memory as JSON.

Run in a fresh process per measurement (bench/run.py does), so peak memory is this build's.
The stages are the ones `pipeline.build()` runs, called one by one so each can be timed;
the search index (Pagefind, a separate program) is timed on its own.
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


def main(content: Path, out: Path, with_search: bool) -> dict:
    from pipeline.check import check
    from pipeline.history import History
    from pipeline.load import load
    from pipeline.publish import publish
    from pipeline.register import Register
    from pipeline.render import render_site
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
    outputs = timed("render", lambda: render_site(register, urls))
    timed("publish", lambda: publish(outputs, out))
    if with_search:
        from pipeline.search import index_site
        timed("search", lambda: index_site(out))
    return {
        "stages": stages,
        "pages": sum(1 for path in outputs if path.endswith(".html")),
        "files": len(outputs),
        "bytes": sum(len(data) for data in outputs.values()),
    }


if __name__ == "__main__":
    content_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    print(json.dumps(main(content_dir, out_dir, "--search" in sys.argv)))
