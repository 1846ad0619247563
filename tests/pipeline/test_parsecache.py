"""The parse cache may make loading faster, never different: edits, errors and damage all show."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL, write_content

from pipeline.load import load
from pipeline.contentcache import CACHE_FOLDER

NETWORK = "networks/test-network.yaml"


def _cache_files(content: Path) -> list[Path]:
    return sorted((content.parent / CACHE_FOLDER).glob("parsed-*.marshal"))


def test_an_edited_file_is_read_again(tmp_path):
    content = write_content(tmp_path)
    first, _ = load(content)
    assert _cache_files(content), "the first load writes the cache"
    (content / NETWORK).write_text(MINIMAL[NETWORK].replace("body: A story.", "body: A longer story."), encoding="utf-8")
    second, errors = load(content)
    assert errors == []
    assert first.collections["networks"]["test-network"].model.body == {"en": "A story."}
    assert second.collections["networks"]["test-network"].model.body == {"en": "A longer story."}


def test_errors_are_the_same_from_a_warm_cache(tmp_path):
    """A file that parses but does not validate still reports its line and column."""
    broken = MINIMAL[NETWORK].replace("status: removed", "status: gone")
    content = write_content(tmp_path, {NETWORK: broken})
    _records, cold = load(content)
    _records, warm = load(content)
    assert cold == warm
    assert [(e.path, e.line, e.col, e.field) for e in warm] == [("content/networks/test-network.yaml", 3, 9, "status")]


def test_a_damaged_cache_is_ignored(tmp_path):
    content = write_content(tmp_path)
    load(content)
    for cache in _cache_files(content):
        cache.write_bytes(b"\x00 not a cache")
    records, errors = load(content)
    assert errors == [] and "test-network" in records.collections["networks"]


def test_the_cache_keeps_only_the_current_files(tmp_path):
    content = write_content(tmp_path)
    load(content)
    size_with_network = _cache_files(content)[0].stat().st_size
    (content / NETWORK).unlink()
    load(content)
    assert _cache_files(content)[0].stat().st_size < size_with_network


def test_no_cache_when_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("TAKEDOWN_REGISTER_NO_CACHE", "1")
    content = write_content(tmp_path)
    records, errors = load(content)
    assert errors == [] and not _cache_files(content)
