"""A rebuild that links unchanged pages from the previous site gives exactly the site a
build from scratch gives: after each kind of edit, every file is compared byte for byte."""

from __future__ import annotations

import hashlib
import marshal
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

import pipeline
from pipeline import build
from pipeline.contentcache import DISABLE_VARIABLE
from pipeline.render.pagecache import ReadTable, _manifest_file, _numbering

NETWORK = "networks/kg-media-center-2020.yaml"
ACTOR = "actors/nurkan-kerimbayev.yaml"


def _files(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file() and "pagefind" not in path.parts}


def _edit(content: Path, relative: str, old: str, new: str) -> None:
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer says {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _rename_network(content: Path) -> None:
    _edit(content, NETWORK, "en: Media Center network", "en: Media Center network (renamed)")


def _change_a_reply(content: Path) -> None:
    """A reply is shown beside every claim about the person, on other records' pages."""
    _edit(content, ACTOR, "says he was not engaged", "says he was never engaged")


def _drop_a_tactic(content: Path) -> None:
    """The tactic's page loses this network from its examples (a backlink goes away)."""
    _edit(content, NETWORK, "  - hate-speech\n", "")


def _add_a_network(content: Path) -> None:
    """A new record that names existing ones: their pages gain a backlink."""
    text = (content / NETWORK).read_text(encoding="utf-8")
    text = text.replace("en: Media Center network", "en: A second Media Center network", 1)
    (content / "networks" / "kg-media-center-second.yaml").write_text(text, encoding="utf-8")


def _drop_a_translation(content: Path) -> None:
    (content / "pages" / "about.ky.md").unlink()


def _move_a_translation(content: Path) -> None:
    """The same bytes, now the Kyrgyz page instead of the Russian one."""
    (content / "pages" / "about.ru.md").rename(content / "pages" / "about.ky.md")


def _retitle_the_site(content: Path) -> None:
    _edit(content, "site.yaml", "Takedown Register", "The Takedown Register")


EDITS = [_rename_network, _change_a_reply, _drop_a_tactic, _add_a_network, _drop_a_translation, _move_a_translation,
         _retitle_the_site]


@pytest.fixture(scope="module", autouse=True)
def _no_search_index():
    """Pagefind's index is not compared (not reproducible upstream) and only slows these builds."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "_after_staging", lambda built: [])
        yield


@pytest.fixture(scope="module")
def register(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the real content, built once with the caches on."""
    root = tmp_path_factory.mktemp("pagecache")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    first = build(content, root / "site", with_offline_copy=False)
    assert first.pages_kept == 0, "nothing to keep on the first build"
    return content, root


def test_a_rebuild_with_nothing_changed_renders_nothing(register):
    content, root = register
    before = marshal.loads(_manifest_file(content, root / "site").read_bytes())
    again = build(content, root / "site", with_offline_copy=False)
    data_pages = 3  # /data/ is rendered with the downloads, on every build
    assert again.pages_kept == again.pages - data_pages
    manifest = marshal.loads(_manifest_file(content, root / "site").read_bytes())
    assert manifest["reads"] == before["reads"] and manifest["pages"] == before["pages"], \
        "nothing new was read: the pages keep the numbers of their reads"
    networks = sorted(path.stem for path in (content / "networks").glob("*.yaml"))
    pages = sorted({key.split("#")[0] for key in manifest["fragments"]})
    assert pages == ["cards-en.html", "cards-ky.html", "cards-ru.html",
                     "ky/networks/index.html", "networks/index.html", "ru/networks/index.html"]
    assert sorted(manifest["fragments"]) == [f"{page}#{slug}" for page in pages for slug in networks], \
        "the cards of a kept deck and the rows of a kept index stay in the manifest for the next build"


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__.strip("_") for edit in EDITS])
def test_after_an_edit_the_rebuild_equals_a_build_from_scratch(register, edit, monkeypatch):
    content, root = register
    edit(content)
    rebuilt = build(content, root / "site", with_offline_copy=False, update_permalinks=True)
    monkeypatch.setenv(DISABLE_VARIABLE, "1")
    scratch = root / f"scratch-{edit.__name__}"
    build(content, scratch, with_offline_copy=False, update_permalinks=True)
    assert _files(root / "site") == _files(scratch)
    if edit is _retitle_the_site:
        assert rebuilt.pages_kept == 0, "every page shows the site's title"
    else:
        assert 0 < rebuilt.pages_kept < rebuilt.pages, "an edit renders some pages, not all"


def test_a_site_changed_by_another_build_is_not_trusted(register, monkeypatch):
    """A build without the page cache (or into the folder by other means) leaves no manifest
    behind that a later build could take for the live site."""
    content, root = register
    site = root / "site"
    monkeypatch.setenv(DISABLE_VARIABLE, "1")
    build(content, site, with_offline_copy=False)
    monkeypatch.delenv(DISABLE_VARIABLE)
    _edit(content, ACTOR, "says he was never engaged", "says he was not engaged")
    assert build(content, site, with_offline_copy=False).pages_kept == 0


def test_unchanged_files_are_linked_not_written(register):
    """Unchanged pages, and downloads made again with the same bytes, are the previous
    build's files (hard links), so a rebuild writes little; a changed one is a new file."""
    content, root = register
    site = root / "site"
    build(content, site, with_offline_copy=False)
    kept = [site / "sources" / "index.html", site / "data" / "sources.csv",
            site / "networks" / "kg-media-consulting-2020.json"]
    changed = site / "networks" / "kg-media-center-2020.json"
    inodes = {path: path.stat().st_ino for path in kept + [changed]}
    _edit(content, NETWORK, "en: Media Center network (renamed)", "en: Media Center network (renamed again)")
    build(content, site, with_offline_copy=False, update_permalinks=True)
    assert [path.stat().st_ino == inodes[path] for path in kept] == [True, True, True]
    assert changed.stat().st_ino != inodes[changed] and "renamed again" in changed.read_text(encoding="utf-8")


def test_a_file_changed_in_the_live_site_is_made_again(register):
    """A file edited in place after the build (a hand fix, a post-processing step) is not
    carried into the next build: it is made again, a companion file with its page."""
    content, root = register
    site = root / "site"
    build(content, site, with_offline_copy=False)
    unchanged = "networks/kg-media-consulting-2020"
    edited = [site / "sources" / "index.html", site / "data" / "sources.csv",  # a page, a download,
              site / f"{unchanged}.json", site / unchanged / "citation.bib"]  # a kept page's companions
    expected = [path.read_bytes() for path in edited]
    for path in edited:
        with open(path, "ab") as handle:
            handle.write(b"changed by hand")
    build(content, site, with_offline_copy=False)
    assert [path.read_bytes() for path in edited] == expected


def test_the_offline_copy_kept_between_builds_zips_the_same_bytes(register, monkeypatch):
    """build() keeps the rendered offline copy in .cache/ and renders only what changed;
    its zip is the one a build from scratch makes."""
    content, root = register
    build(content, root / "site")
    assert (content.parent / ".cache" / "offline-copy" / "index.html").is_file()
    _edit(content, ACTOR, "says he was not engaged", "says he was never engaged")
    rebuilt = build(content, root / "site", update_permalinks=True)
    assert rebuilt.pages_kept > 0, "the zip's new size does not make every page new"
    monkeypatch.setenv(DISABLE_VARIABLE, "1")
    build(content, root / "scratch-offline", update_permalinks=True)
    (kept,) = (root / "site" / "data").glob("takedown-register-*.zip")
    assert kept.read_bytes() == (root / "scratch-offline" / "data" / kept.name).read_bytes()


def test_reads_are_numbered_afresh_when_one_is_new_or_many_are_no_longer_read():
    table = ReadTable([("record", "networks", "a"), ("record", "networks", "b"), ("site",)])
    kept = {"a.html": (b"", table.expand((0, 2)), b"", ()), "b.html": (b"", table.expand((1, 2)), b"", ())}
    rendered = {"c.html": (b"", (("site",), ("record", "networks", "b")), b"", ())}
    reads, numbers = _numbering(table, [kept | rendered])
    assert reads is table.reads and numbers(rendered["c.html"][1]) == (2, 1)
    new = {"d.html": (b"", (("record", "networks", "d"),), b"", ())}
    reads, numbers = _numbering(table, [kept | new])
    assert reads == sorted({*table.reads, ("record", "networks", "d")})
    reads, numbers = _numbering(table, [{"a.html": kept["a.html"]}])  # b is read by no page now
    assert reads == [("record", "networks", "a"), ("site",)] and numbers(kept["a.html"][1]) == (0, 1)
