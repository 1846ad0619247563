"""A large site is parsed with a helper, rendered in forked workers, its downloads started before the page plan:
the bytes are those of a build in one process, on a clean build and on a rebuild."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import write_content

import pipeline
from pipeline import build, parsing, render, workers
from pipeline.contentcache import DISABLE_VARIABLE


def _files(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file() and "pagefind" not in path.parts}


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(pipeline, "_after_staging", lambda built: [])  # Pagefind's index is not reproducible upstream
    return write_content(tmp_path)


def _on_two_cores(monkeypatch) -> list:
    """Workers for any site, as on a large one (two even on a one-core machine); the early starts, noted."""
    started = []

    class Noted(workers.Started):
        def __init__(self, job, shared):
            started.append(job)
            super().__init__(job, shared)

    monkeypatch.setattr(render, "PARALLEL_FROM_PAGES", 0)
    monkeypatch.setattr(parsing, "HELPER_AFTER_MISSES", 1)
    monkeypatch.setattr(workers, "count", lambda jobs, threshold: 2)
    monkeypatch.setattr(workers, "Started", Noted)
    return started


def test_a_build_in_workers_equals_one_in_a_single_process(content, tmp_path, monkeypatch):
    monkeypatch.setenv(DISABLE_VARIABLE, "1")
    build(content, tmp_path / "single", with_offline_copy=False)
    started = _on_two_cores(monkeypatch)
    build(content, tmp_path / "workers", with_offline_copy=False)
    assert parsing._verdicts in started, "the files were checked by a helper while they were parsed"
    assert len(started) == 2, "the downloads were started before the plan"
    assert _files(tmp_path / "workers") == _files(tmp_path / "single")


def test_a_rebuild_in_workers_equals_a_build_from_scratch(content, tmp_path, monkeypatch):
    started = _on_two_cores(monkeypatch)
    site = tmp_path / "site"
    network = content / "networks" / "test-network.yaml"
    for name in ("first", "second", "third"):  # the third starts from the first, kept as the standby
        text = network.read_text(encoding="utf-8")
        network.write_text(text.replace("A network for tests", f"A network for tests ({name} build)", 1), encoding="utf-8")
        result = build(content, site, with_offline_copy=False)
    assert len(started) == 6 and started.count(parsing._verdicts) == 3  # a parse helper, then the downloads
    assert 0 < result.pages_kept < result.pages
    monkeypatch.setenv(DISABLE_VARIABLE, "1")
    build(content, tmp_path / "scratch", with_offline_copy=False)
    assert _files(site) == _files(tmp_path / "scratch")
