"""'Cite this page': four formats that parse, cite the permalink, and can be downloaded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.render.citations import bibtex, ris
from schema.fields import PartialDate
from sitepages import parse, resolve

MEDIA_CENTER = "networks/kg-media-center-2020/"
CSL_TYPES = {"webpage", "dataset", "article", "report"}


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """(entry type, key, fields) of one entry; fails on unbalanced braces or stray text."""
    match = re.fullmatch(r"@(\w+)\{([^,\s]+),\n(.*)\n\}\s*", text, re.S)
    assert match, text
    kind, key, body = match.groups()
    fields, position = {}, 0
    while position < len(body):
        name = re.match(r"\s*(\w+) = \{", body[position:])
        assert name, body[position:]
        position += name.end()
        depth, start = 1, position
        while depth:
            char = body[position]
            if char == "\\":
                position += 1
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            position += 1
        fields[name.group(1)] = body[start:position - 1]
        position += 2 if body[position:position + 2] == ",\n" else 0
        assert position == len(body) or body[position - 2:position] == ",\n"
    return kind, key, fields


def parse_ris(text: str) -> list[tuple[str, str]]:
    """(tag, value) pairs; every line `XX  - value`, TY first and ER last."""
    lines = text.rstrip("\n").split("\n")
    pairs = []
    for line in lines:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, line
        pairs.append(match.groups())
    assert pairs[0][0] == "TY" and pairs[-1] == ("ER", "")
    return pairs


def cite_box(site: Path, page_path: str) -> tuple[str, dict[str, str], dict[str, Path]]:
    """(canonical URL, format id -> text shown, format id -> downloaded file) of a page."""
    page = site / page_path / "index.html"
    tree = parse(page)
    canonical = next(link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical")
    box = next(section for section in tree.iter("section") if section.get("class") == "cite")
    texts = {pre.get("id")[len("cite-"):]: pre.text for pre in box.iter("pre")}
    files = {}
    for details in box.iter("details"):
        pre = details.find(".//pre")
        link = details.find(".//a[@download]")
        files[pre.get("id")[len("cite-"):]] = resolve(site, page, link.get("href"))[0]
    return canonical, texts, files


def record_pages(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)) + "/" for p in site.glob("*/*/citation.bib"))


def test_a_journalist_can_cite_the_media_center_network_in_four_formats(built_site):
    canonical, texts, files = cite_box(built_site, MEDIA_CENTER)
    assert canonical == "https://example.org/register/" + MEDIA_CENTER
    assert set(texts) == {"text", "bibtex", "ris", "csl"}
    for fid, text in texts.items():
        assert canonical in text
        assert files[fid].read_text(encoding="utf-8") == text + "\n"
    assert "Media Center" in texts["text"]


def test_every_record_page_citation_parses_and_cites_its_permalink(built_site):
    pages = record_pages(built_site)
    assert len(pages) > 20
    for page_path in pages + ["ru/" + MEDIA_CENTER, "data/"]:
        canonical, texts, _files = cite_box(built_site, page_path)
        kind, _key, fields = parse_bibtex(texts["bibtex"])
        assert kind == "online" and fields["url"] == canonical, page_path
        assert fields["author"].startswith("{") and fields["author"].endswith("}")  # a corporate author
        assert dict(parse_ris(texts["ris"]))["UR"] == canonical
        (item,) = json.loads(texts["csl"])
        assert item["URL"] == canonical and item["type"] in CSL_TYPES and item["id"] and item["title"]
        for part in item.get("issued", {}).get("date-parts", [[]])[0]:
            assert isinstance(part, int)


def test_dataset_citation_on_data_page_names_the_version(built_site):
    _canonical, texts, _files = cite_box(built_site, "data/")
    assert "version" in texts["text"] and "https://example.org/register/data/" in texts["text"]


@pytest.mark.parametrize("title", ["50% of {all} $ & #1_a \\ ~ ^", "Line\nbreak  and  spaces"])
def test_special_characters_keep_bibtex_and_ris_well_formed(title):
    updated = PartialDate(2021, 2, 9)
    _kind, _key, fields = parse_bibtex(bibtex(title, "https://example.org/x/", "A & B", "Site", updated, "k", "en"))
    assert fields["date"] == "2021-02-09" and fields["author"] == "{A \\& B}"
    pairs = parse_ris(ris(title, "https://example.org/x/", "A", "Site", updated, "en"))
    assert dict(pairs)["DA"] == "2021/02/09"
