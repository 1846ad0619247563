"""Builds are reproducible and atomic: a failed or killed build never leaves a broken site."""

from __future__ import annotations

import fcntl
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, write_content
from pipeline import BuildFailed, build, render


def tree_digest(site: Path) -> dict[str, str]:
    """File -> sha256, for every file outside Pagefind's folder (not reproducible upstream)."""
    return {str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file() and "pagefind" not in path.parts}


def test_two_builds_are_byte_identical(tmp_path):
    content = write_content(tmp_path)
    build(content, tmp_path / "one")
    build(content, tmp_path / "two")
    first, second = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert first == second and len(first) > 20


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    content = write_content(tmp_path)
    site = tmp_path / "site"
    build(content, site)
    before = tree_digest(site)
    (content / "networks" / "test-network.yaml").write_text(
        MINIMAL["networks/test-network.yaml"].replace("status: removed", "status: gone"), encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(content, site)
    assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site.*"))


def test_build_cli_failure_prints_errors_and_keeps_site(tmp_path):
    content = write_content(tmp_path)
    site = tmp_path / "site"
    build(content, site)
    (content / "actors" / "empty.yaml").write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--out", str(site)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "content/actors/empty.yaml:1:1: error: file is empty" in result.stderr
    assert "previous site is unchanged" in result.stderr
    assert (site / "index.html").is_file()


def _site_state(site: Path, old: dict, new: dict) -> str:
    """'old' or 'new' when site/ is exactly one complete build; otherwise what is wrong."""
    if not site.exists():
        return "missing"
    digest = tree_digest(site)
    return "old" if digest == old else "new" if digest == new else "mixed"


def test_build_killed_at_random_moments_never_leaves_a_mixed_site(tmp_path):
    content = write_content(tmp_path)
    site = tmp_path / "site"
    build(content, site)
    old = tree_digest(site)
    changed = MINIMAL["networks/test-network.yaml"].replace("A network for tests.", "A changed network.")
    (content / "networks" / "test-network.yaml").write_text(changed, encoding="utf-8")
    build(content, tmp_path / "reference")
    new = tree_digest(tmp_path / "reference")
    command = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--out", str(site)]
    rng = random.Random(638)
    for _attempt in range(4):
        if _site_state(site, old, new) == "new":  # start each round from the old site
            build(write_content(tmp_path / "old", base=True), site)
            old = tree_digest(site)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        time.sleep(rng.uniform(0.2, 2.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = _site_state(site, old, new)
        leftovers = sorted(p.name for p in tmp_path.glob(".site.*"))
        assert state in ("old", "new") or (state == "missing" and any(".old-" in name for name in leftovers)), (state, leftovers)
        build(content, site)  # the next build recovers and replaces
        assert _site_state(site, old, new) == "new"
        assert not list(tmp_path.glob(".site.*"))


def _gone(path: Path, within: float = 120.0) -> bool:
    """True once `path` no longer exists (the remover runs in the background)."""
    deadline = time.monotonic() + within
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return not path.exists()


def test_replaced_site_is_removed_without_leaving_anything(tmp_path):
    content = write_content(tmp_path)
    site = tmp_path / "site"
    build(content, site)
    marker = site / "only-in-the-old-site.txt"
    marker.write_text("old", encoding="utf-8")
    build(content, site)
    assert not marker.exists() and (site / "index.html").is_file()
    assert _gone(tmp_path / ".takedown-register-trash")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "content", "site"]  # .cache: parsed YAML


def test_next_build_finishes_what_a_stopped_remover_left(tmp_path):
    content = write_content(tmp_path)
    site = tmp_path / "site"
    stranded = tmp_path / ".takedown-register-trash" / ".site.staging-1-0a0b0c0d"
    (stranded / "networks").mkdir(parents=True)
    (stranded / "networks" / "index.html").write_text("an old page", encoding="utf-8")
    build(content, site)
    assert _gone(tmp_path / ".takedown-register-trash")


def test_a_zip_a_killed_build_left_beside_the_site_is_removed(tmp_path):
    """The offline copy's zip is made in a folder beside the site and linked into it; a build
    killed meanwhile leaves that folder, and the next build removes it."""
    content = write_content(tmp_path)
    stranded = tmp_path / ".site.made-1"
    stranded.mkdir()
    (stranded / "offline-copy.zip").write_bytes(b"half a zip")
    build(content, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "content", "site"]


def test_a_build_holds_the_sites_lock_while_it_writes(tmp_path, monkeypatch):
    """A second build of the same site (a curator's, while the preview builds in the
    background) waits for the first, rather than clearing away its staging folder."""
    content = write_content(tmp_path)
    locks = []

    def still_locked(*args, **kwargs):
        (lock,) = (tmp_path / ".cache").glob("site-*.lock")
        with open(lock, "a") as handle, pytest.raises(BlockingIOError):
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        locks.append(lock)
        return real_write_site(*args, **kwargs)

    real_write_site = render.write_site
    monkeypatch.setattr(render, "write_site", still_locked)
    build(content, tmp_path / "site")
    assert locks, "the site was written while its lock was held"
    with open(locks[0], "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # and it is free again after the build
