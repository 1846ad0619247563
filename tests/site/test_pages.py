"""The promises of SITE.md, held on the real built site (parsed HTML, not grep)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from conftest import CONTENT
from sitepages import html_pages, ids_of, links_and_ids, map_pages, parse, resolve, text_of

NETWORK = "kg-media-center-2020"


def _page(site: Path, path: str):
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    assert file.is_file(), f"missing page {path}"
    return parse(file)


@pytest.mark.parametrize("path", ["", "networks/", "actors/", "elections/", "tactics/", "sources/",
                                  "networks/kg-media-center-2020/", "actors/nurkan-kerimbayev/",
                                  "elections/kg-parliamentary-2020/", "tactics/stolen-profile-photos/",
                                  "sources/meta-cib-report-2020-12/", "about/", "methodology/", "404.html",
                                  "ru/", "ru/networks/kg-media-center-2020/", "ky/networks/"])
def test_every_page_type_exists_at_its_permalink(built_site, path):
    tree = _page(built_site, path)
    assert len(tree.findall(".//h1")) == 1


def test_every_record_has_a_page_and_json(built_site):
    for folder in ("networks", "actors", "elections", "sources", "tactics"):
        for file in sorted((CONTENT / folder).glob("*.yaml")):
            assert (built_site / folder / file.stem / "index.html").is_file()
            record = json.loads((built_site / folder / f"{file.stem}.json").read_text(encoding="utf-8"))
            assert record["slug"] == file.stem


def test_network_page_shows_figures_with_source_footnotes(built_site):
    tree = _page(built_site, f"networks/{NETWORK}/")
    table = tree.find(".//table[@class='facts']")
    rows = {text_of(row.find("th")): [text_of(cell) for cell in row.findall("td")] for row in table.find("tbody")}
    assert "121" in rows["Facebook"] and "46" in rows["Facebook"] and "41" in rows["Instagram"]
    footnote = table.find(".//sup[@class='fn']/a")
    target = footnote.get("href").lstrip("#")
    assert target in ids_of(tree)
    record = json.loads((built_site / f"networks/{NETWORK}.json").read_text(encoding="utf-8"))
    source_slug = record["takedowns"][0]["source"]
    source = json.loads((built_site / f"sources/{source_slug}.json").read_text(encoding="utf-8"))
    assert target == f"source-{source_slug}"
    assert source["title"] in text_of(tree.find(f".//li[@id='{target}']"))


def test_network_page_shows_operator_confidence_and_response_beside_it(built_site):
    tree = _page(built_site, f"networks/{NETWORK}/")
    claim = tree.find(".//ul[@class='claims']/li")
    assert "Media Center" in text_of(claim)
    assert claim.find(".//span[@class='confidence confidence-confirmed']") is not None
    assert claim.find(".//*[@class='responses']") is not None


def test_person_page_shows_ties_with_confidence_and_his_denial(built_site):
    tree = _page(built_site, "actors/nurkan-kerimbayev/")
    text = text_of(tree.find(".//main"))
    assert "Denies" in text
    assert "Media Center" in text and "reported" in text.lower()
    for sup in tree.findall(".//sup[@class='fn']/a"):
        assert sup.get("href").lstrip("#") in ids_of(tree)


@pytest.mark.parametrize("path,expected", [
    ("actors/media-center/", "Media Center network"),
    ("elections/kg-parliamentary-2020/", "Media Center network"),
    ("sources/meta-cib-report-2020-12/", "Media Center network"),
    ("tactics/stolen-profile-photos/", "Media Center network"),
])
def test_backlinks_appear_on_related_pages(built_site, path, expected):
    tree = _page(built_site, path)
    links = [text_of(a) for a in tree.findall(".//main//a")]
    assert any(expected in link for link in links), links


def test_every_internal_link_and_anchor_resolves(built_site):
    broken, ids = [], {}
    for page in html_pages(built_site):
        links, ids[page] = links_and_ids(page) if page not in ids else (links_and_ids(page)[0], ids[page])
        for tag, value, attributes in links:
            if tag == "link" and attributes.get("rel") in ("canonical", "alternate"):
                continue
            target = resolve(built_site, page, value)
            if target is None:
                continue
            file, anchor = target
            if not file.is_file():
                broken.append(f"{page.relative_to(built_site)}: {value}")
            elif anchor and file.suffix == ".html":
                if file not in ids:
                    ids[file] = links_and_ids(file)[1]
                if anchor not in ids[file]:
                    broken.append(f"{page.relative_to(built_site)}: {value} (no #{anchor})")
    assert broken == []


def _unsafe_parts_of(site: Path, page: Path) -> list[str]:
    name = page.relative_to(site)
    problems = []
    for element in parse(page).iter():
        if element.tag == "script" and not element.get("src") and element.get("type") != "application/json":
            problems.append(f"{name}: inline script")
        if any(attribute.lower().startswith("on") for attribute in element.attrib):
            problems.append(f"{name}: event handler on <{element.tag}>")
        source = element.get("src") or (element.get("href") if element.tag == "link" and element.get("rel") == "stylesheet" else None)
        if source and source.startswith(("http:", "https:", "//")):
            problems.append(f"{name}: external asset {source}")
    return problems


def test_no_inline_script_no_event_handler_no_external_asset(built_site):
    pages = html_pages(built_site)
    assert len(pages) > 100
    assert [problem for found in map_pages(functools.partial(_unsafe_parts_of, built_site), pages) for problem in found] == []


def _missing_head_parts_of(site: Path, page: Path) -> list[str]:
    """What a page's head lacks of lang, title, description, canonical and a strict CSP."""
    tree = parse(page)
    head = tree.find("head")
    if head.find("meta[@http-equiv='refresh']") is not None:
        return []  # redirect pages are checked on their own
    name = page.relative_to(site)
    csp = head.find("meta[@http-equiv='Content-Security-Policy']")
    description = head.find("meta[@name='description']")
    canonical = head.find("link[@rel='canonical']")
    checks = {
        "lang": bool((tree.getroot() if hasattr(tree, "getroot") else tree).get("lang")),
        "title": head.find("title") is not None and bool(text_of(head.find("title"))),
        "description": description is not None and bool(description.get("content")),
        "canonical": canonical is not None and (canonical.get("href") or "").startswith("https://"),
        "csp": csp is not None and "script-src 'self'" in csp.get("content", "")
               and "unsafe-eval'" not in csp.get("content", "").replace("wasm-unsafe-eval", ""),
    }
    return [f"{name}: no {what}" for what, present in checks.items() if not present]


def test_every_page_has_title_description_canonical_csp_and_lang(built_site):
    pages = html_pages(built_site)
    assert len(pages) > 100
    assert [problem for found in map_pages(functools.partial(_missing_head_parts_of, built_site), pages)
            for problem in found] == []


def test_language_versions_carry_their_lang(built_site):
    for prefix, lang in (("", "en"), ("ru/", "ru"), ("ky/", "ky")):
        root = _page(built_site, f"{prefix}networks/{NETWORK}/")
        assert root.get("lang") == lang


def test_not_found_page_links_with_absolute_paths(built_site):
    tree = parse(built_site / "404.html")
    for element in tree.iter():
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value and not value.startswith(("http", "#", "mailto:", "data:")):
                assert value.startswith("/register/"), value
