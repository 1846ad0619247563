"""The markdown cache makes a rebuild faster, never different: edits, the offline copy and
a damaged cache all give what a build without it gives."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from conftest import MINIMAL, write_content

from pipeline import build
from pipeline.contentcache import CACHE_FOLDER

NETWORK = "networks/test-network.yaml"
BODY = "body: A story.\n"
LINKED_BODY = "body: |\n  ## What it did\n\n  See [the sources](/sources/) and **bold** claims.\n"


def _files(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file() and "pagefind" not in path.parts}


def _markdown_cache(content: Path) -> list[Path]:
    return sorted((content.parent / CACHE_FOLDER).glob("markdown-*.marshal"))


def _network_page(site: Path) -> str:
    return (site / "networks" / "test-network" / "index.html").read_text(encoding="utf-8")


def test_a_rebuild_from_the_cache_is_byte_identical_to_one_without(tmp_path, monkeypatch):
    content = write_content(tmp_path, {NETWORK: MINIMAL[NETWORK].replace(BODY, LINKED_BODY)})
    build(content, tmp_path / "first", with_offline_copy=False)
    assert _markdown_cache(content), "the first build fills the cache"
    build(content, tmp_path / "cached", with_offline_copy=False)
    monkeypatch.setenv("TAKEDOWN_REGISTER_NO_CACHE", "1")
    build(content, tmp_path / "uncached", with_offline_copy=False)
    cached, uncached = _files(tmp_path / "cached"), _files(tmp_path / "uncached")
    assert cached == uncached and len(cached) > 20
    assert '<h4 id="what-it-did">What it did</h4>' in _network_page(tmp_path / "cached")


def test_an_edited_body_shows_after_a_rebuild(tmp_path):
    content = write_content(tmp_path)
    site = tmp_path / "site"
    build(content, site, with_offline_copy=False)
    assert "A story." in _network_page(site)
    (content / NETWORK).write_text(MINIMAL[NETWORK].replace(BODY, "body: A *new* story.\n"), encoding="utf-8")
    build(content, site, with_offline_copy=False)
    page = _network_page(site)
    assert "A <em>new</em> story." in page and "A story." not in page


def test_the_offline_copy_keeps_its_own_links(tmp_path):
    """The same text renders with index.html links in the offline copy: the cache keeps both apart."""
    content = write_content(tmp_path, {NETWORK: MINIMAL[NETWORK].replace(BODY, LINKED_BODY)})
    for site in ("one", "two"):  # the second build reads both renderings from the cache
        build(content, tmp_path / site)
        assert 'href="/sources/"' in _network_page(tmp_path / site)
        zip_path = next((tmp_path / site / "data").glob("takedown-register-*.zip"))
        with zipfile.ZipFile(zip_path) as bundle:
            page = next(name for name in bundle.namelist() if name.endswith("networks/test-network/index.html"))
            assert "sources/index.html" in bundle.read(page).decode("utf-8")
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_a_damaged_cache_is_ignored(tmp_path):
    content = write_content(tmp_path)
    build(content, tmp_path / "first", with_offline_copy=False)
    for cache in _markdown_cache(content):
        cache.write_bytes(b"\x00 not a cache")
    build(content, tmp_path / "second", with_offline_copy=False)
    assert _files(tmp_path / "first") == _files(tmp_path / "second")


def test_texts_of_kept_pages_stay_in_the_cache(tmp_path):
    """A rebuild that keeps every page renders no text; the texts stay cached for the next
    time their pages are rendered (after a template change, every page is)."""
    content = write_content(tmp_path)
    build(content, tmp_path / "site", with_offline_copy=False)
    (cache,) = _markdown_cache(content)
    size = cache.stat().st_size
    again = build(content, tmp_path / "site", with_offline_copy=False)
    assert again.pages_kept > 0 and _markdown_cache(content)[0].stat().st_size >= size > 100
