"""A rebuild updates the site the last swap replaced (the standby) instead of linking every
kept file anew: the result is still exactly a build from scratch, the live site is never
written into, and a standby that was tampered with or swapped is not trusted."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from conftest import write_content

import pipeline
from pipeline import build
from pipeline.contentcache import DISABLE_VARIABLE
from pipeline.render import standby as standby_module
from pipeline.render.standby import _paths

NETWORK = "networks/test-network.yaml"
SECOND = "networks/test-network-second.yaml"


def _files(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file() and "pagefind" not in path.parts}


def _rename(content: Path, name: str) -> None:
    path = content / NETWORK
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(f"name: {{en: {name}}}\n" if line.startswith("name:") else line for line in lines),
                    encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_search_index(monkeypatch):
    """Pagefind's index is not compared (not reproducible upstream) and only slows these builds.
    In the small test register one renamed network changes most pages, and a standby that
    would mostly go is discarded whole: here it is always updated, as on a large site."""
    monkeypatch.setattr(pipeline, "_after_staging", lambda built: [])
    monkeypatch.setattr(standby_module, "WORTH_KEEPING", 0)


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path, Path]:
    """(content, site, standby) after two builds: the first site is now the standby."""
    content = write_content(tmp_path)  # the small test register: these builds take a second
    site = tmp_path / "site"
    build(content, site, with_offline_copy=False)
    _rename(content, "Test network (second build)")
    build(content, site, with_offline_copy=False)
    standby = _paths(content, site)[0]
    assert standby.is_dir(), "the replaced site is kept in .cache/ for the next build"
    return content, site, standby


def _scratch(content: Path, folder: Path, monkeypatch) -> dict[str, str]:
    with monkeypatch.context() as patch:
        patch.setenv(DISABLE_VARIABLE, "1")
        build(content, folder, with_offline_copy=False)
    return _files(folder)


def test_a_rebuild_updates_the_standby_and_leaves_the_replaced_site_as_it_was(built, tmp_path, monkeypatch):
    content, site, standby = built
    standby_folder, live_before = os.stat(standby).st_ino, _files(site)
    platform = content / "actors" / "test-platform.yaml"  # pages the last build kept (shared with the standby)
    platform.write_text(platform.read_text(encoding="utf-8").replace("Test Platform", "Test Platform (renamed)"),
                         encoding="utf-8")
    result = build(content, site, with_offline_copy=False)
    assert os.stat(site).st_ino == standby_folder, "the new site is the standby, updated"
    assert 0 < result.pages_kept < result.pages
    assert _files(standby) == live_before, "nothing was written through into the site it replaced"
    assert _files(site) == _scratch(content, tmp_path / "scratch", monkeypatch)


def test_files_the_new_site_does_not_have_are_gone(built, tmp_path, monkeypatch):
    """A page the standby still has (a record since removed) and files put into it by hand."""
    content, site, standby = built
    shutil.copy(content / NETWORK, content / SECOND)
    _rename(content, "Test network (with a second one)")
    build(content, site, with_offline_copy=False)
    _rename(content, "Test network (still with a second one)")
    build(content, site, with_offline_copy=False)  # the site with the second network is the standby now
    (content / SECOND).unlink()
    _rename(content, "Test network (second one removed)")
    standby_folder = os.stat(standby).st_ino
    assert (standby / "networks" / "test-network-second" / "index.html").is_file()
    (standby / "networks" / "stray.html").write_text("not part of any build", encoding="utf-8")
    (standby / "networks" / "stray-folder").mkdir()  # (inside: a change to the folder itself would untrust it)
    result = build(content, site, with_offline_copy=False)
    assert os.stat(site).st_ino == standby_folder, "the standby was used"
    assert not (site / "networks" / "test-network-second").exists()
    assert not (site / "networks" / "stray.html").exists() and not (site / "networks" / "stray-folder").exists()
    assert 0 < result.pages_kept
    assert _files(site) == _scratch(content, tmp_path / "scratch", monkeypatch)


def test_a_standby_file_changed_since_it_was_recorded_is_made_again(built, tmp_path, monkeypatch):
    content, site, standby = built
    page = standby / "sources" / "index.html"
    text = page.read_bytes()
    page.unlink()  # a new file, not the one the live site shares
    page.write_bytes(text.replace(b"</body>", b"<!-- changed by hand --></body>"))
    _rename(content, "Test network (third build)")
    build(content, site, with_offline_copy=False)
    assert b"changed by hand" not in (site / "sources" / "index.html").read_bytes()
    assert _files(site) == _scratch(content, tmp_path / "scratch", monkeypatch)


def test_a_standby_folder_that_is_not_the_recorded_one_is_not_trusted(built, tmp_path, monkeypatch):
    """A copy in its place (same files, same times) is not the folder the record describes."""
    content, site, standby = built
    copy = tmp_path / "copy"
    shutil.copytree(standby, copy)
    (copy / "sources" / "index.html").write_bytes(b"a page no build made")
    shutil.rmtree(standby)
    copy.rename(standby)
    live_before = _files(site)
    _rename(content, "Test network (third build)")
    build(content, site, with_offline_copy=False)
    assert _files(site) == _scratch(content, tmp_path / "scratch", monkeypatch)
    assert _files(standby) == live_before, "the copy was discarded; the replaced site is the standby now"


def test_a_build_without_the_page_cache_drops_the_standby(built, monkeypatch):
    content, site, standby = built
    monkeypatch.setenv(DISABLE_VARIABLE, "1")
    build(content, site, with_offline_copy=False)
    assert not standby.exists() and not _paths(content, site)[1].exists()
