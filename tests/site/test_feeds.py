"""Atom feeds, the sitemap, robots.txt, the corrections log and record history on the built site."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import MINIMAL, write_content
from pipeline import build
from sitepages import parse, text_of

BASE = "https://example.org/register/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def _file_for(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    relative = url[len(BASE):]
    return site / (relative + "index.html" if relative == "" or relative.endswith("/") else relative)


def test_every_language_has_a_well_formed_atom_feed_of_permalinks(built_site):
    for feed_path in ("feed.xml", "ru/feed.xml", "ky/feed.xml"):
        feed = ET.parse(built_site / feed_path).getroot()
        assert feed.tag == f"{ATOM}feed"
        assert feed.findtext(f"{ATOM}id") == BASE + feed_path
        assert RFC3339.fullmatch(feed.findtext(f"{ATOM}updated")) and feed.findtext(f"{ATOM}title")
        entries = feed.findall(f"{ATOM}entry")
        assert entries
        for entry in entries:
            permalink = entry.findtext(f"{ATOM}id")
            assert _file_for(built_site, permalink).is_file()
            assert entry.find(f"{ATOM}link").get("href") == permalink
            published, updated = entry.findtext(f"{ATOM}published"), entry.findtext(f"{ATOM}updated")
            assert RFC3339.fullmatch(published) and RFC3339.fullmatch(updated) and published <= updated
        assert [e.findtext(f"{ATOM}updated") for e in entries] == sorted(
            (e.findtext(f"{ATOM}updated") for e in entries), reverse=True)


def test_sitemap_lists_every_indexed_page_with_lastmod_and_language_alternates(built_site):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    locs = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        assert _file_for(built_site, loc).is_file()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", url.findtext(f"{SITEMAP}lastmod"))
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        assert set(alternates) == {"en", "ru", "ky"} and loc in alternates.values()
        locs[loc] = url
    for network in (built_site / "networks").glob("*.json"):
        for prefix in ("", "ru/", "ky/"):
            assert f"{BASE}{prefix}networks/{network.stem}/" in locs or _is_redirect(built_site, network.stem)
    assert BASE + "data/" in locs and BASE + "corrections/" in locs
    assert BASE + "404.html" not in locs


def _is_redirect(site: Path, slug: str) -> bool:
    return 'http-equiv="refresh"' in (site / "networks" / slug / "index.html").read_text(encoding="utf-8")


def test_robots_points_at_the_absolute_sitemap(built_site):
    robots = (built_site / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory) -> Path:
    """A small register with two corrections, a published date and a renamed network."""
    tmp_path = tmp_path_factory.mktemp("corrected")
    network = (MINIMAL["networks/test-network.yaml"] + "published: 2021-01-20\naliases: [old-network]\n"
               "corrections:\n  - date: 2021-03-01\n    note: Fixed the account count.\n")
    election = MINIMAL["elections/test-election.yaml"] + "corrections:\n  - date: 2022-07-04\n    note: Corrected the date.\n"
    content = write_content(tmp_path, {"networks/test-network.yaml": network, "elections/test-election.yaml": election})
    build(content, tmp_path / "site")
    return tmp_path / "site"


def test_corrections_page_feed_and_record_history_use_content_dates(corrected_site):
    site = corrected_site

    log = parse(site / "corrections" / "index.html").find(".//ol[@class='corrections-list']")
    items = [text_of(li) for li in log.findall("li")]
    assert len(items) == 2 and "Corrected the date" in items[0] and "Fixed the account count" in items[1]
    assert parse(site / "ru" / "corrections" / "index.html").find(".//ol[@class='corrections-list']") is not None

    record = parse(site / "networks" / "test-network" / "index.html")
    dates = [t.get("datetime") for t in record.find(".//dl[@class='history']").iter("time")]
    assert dates == ["2021-01-20", "2021-03-01"]  # first published, last updated

    feed = ET.parse(site / "feed.xml").getroot()
    entry = next(e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == BASE + "networks/test-network/")
    assert entry.findtext(f"{ATOM}published") == "2021-01-20T00:00:00Z"
    assert entry.findtext(f"{ATOM}updated") == "2021-03-01T00:00:00Z"
    assert "Fixed the account count" in entry.findtext(f"{ATOM}content")


def test_redirect_page_has_canonical_refresh_and_a_plain_link(corrected_site):
    page = parse(corrected_site / "ru" / "networks" / "old-network" / "index.html")
    canonical = next(link.get("href") for link in page.iter("link") if link.get("rel") == "canonical")
    refresh = next(meta.get("content") for meta in page.iter("meta") if meta.get("http-equiv") == "refresh")
    assert canonical == BASE + "ru/networks/test-network/"
    assert refresh.endswith("url=../test-network/")
    assert any(a.get("href") == "../test-network/" for a in page.iter("a"))
    old_json = (corrected_site / "networks" / "old-network.json").read_bytes()
    assert old_json == (corrected_site / "networks" / "test-network.json").read_bytes()
