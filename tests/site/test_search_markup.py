"""What the search index and the /search/ page promise, checked on the built HTML (no browser)."""

from __future__ import annotations

import json
import posixpath

import pytest

from pipeline.searchglob import searchable_glob
from searchregister import build_search_register
from sitepages import parse, text_of


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_search_register(tmp_path_factory)


def pagefind_keys(tree, attribute: str) -> list[tuple[str, str]]:
    """(name, value) pairs a page gives Pagefind through `data-pagefind-filter` or `-sort` or `-meta`."""
    pairs = []
    for element in tree.iter():
        if attribute in element.attrib:
            name, _, value = element.attrib[attribute].partition(":")
            pairs.append((name, value))
    return sorted(pairs)


def body(tree):
    bodies = [element for element in tree.iter() if "data-pagefind-body" in element.attrib]
    assert len(bodies) == 1
    return bodies[0]


def test_network_page_gives_its_filters_sort_keys_and_summary(site):
    tree = parse(site / "networks" / "kg-sunrise-2020" / "index.html")
    assert pagefind_keys(tree, "data-pagefind-filter") == sorted([
        ("collection", "networks"), ("country", "KG"), ("origin", "KG"), ("target", "KG"),
        ("platform", "test-platform"), ("election", "test-election"), ("status", "removed"),
        ("confidence", "reported"), ("year", "2020")])
    assert pagefind_keys(tree, "data-pagefind-sort") == [("accounts", "120"), ("date", "20201012")]
    meta = dict(pagefind_keys(tree, "data-pagefind-meta"))
    assert meta["summary"] == "Fake news pages run from Bishkek."
    assert meta["date"] == "October 12, 2020"


def test_actor_and_election_pages_give_their_own_filters(site):
    actor = parse(site / "actors" / "aibek-toktogulov" / "index.html")
    assert pagefind_keys(actor, "data-pagefind-filter") == sorted([
        ("collection", "actors"), ("country", "KG"), ("kind", "person"), ("confidence", "reported")])
    election = parse(site / "elections" / "test-election" / "index.html")
    assert ("year", "2020") in pagefind_keys(election, "data-pagefind-filter")
    assert ("date", "20201004") in pagefind_keys(election, "data-pagefind-sort")


def test_other_spellings_are_shown_inside_the_indexed_body(site):
    for path in ("actors/aibek-toktogulov", "ru/actors/aibek-toktogulov"):
        text = text_of(body(parse(site / path / "index.html")))
        assert "Айбек Токтогулов" in text


def test_navigation_footer_citation_and_source_list_are_not_indexed(site):
    tree = parse(site / "networks" / "kg-sunrise-2020" / "index.html")
    indexed = body(tree)
    inside = set(indexed.iter())
    for selector in ("header", "footer", "nav", "aside"):
        for element in tree.iter(selector):
            if element.attrib.get("class", "").startswith("record-header"):
                continue
            assert element not in inside, selector
    sources = [e for e in indexed.iter("section") if "sources" in e.attrib.get("class", "").split()]
    assert sources and all("data-pagefind-ignore" in e.attrib for e in sources)


def test_search_page_works_without_javascript_by_pointing_at_the_lists(site):
    tree = parse(site / "search" / "index.html")
    fallback = next(e for e in tree.iter() if "data-search-fallback" in e.attrib)
    assert "hidden" not in fallback.attrib
    links = {a.attrib["href"] for a in fallback.iter("a")}
    assert links == {"../networks/", "../actors/", "../elections/", "../tactics/", "../sources/"}
    for link in links:
        assert (site / "search" / link / "index.html").resolve().is_file()
    form = next(e for e in tree.iter("form") if "data-search" in e.attrib)
    assert "hidden" in form.attrib  # shown by search.js once Pagefind has loaded


def test_search_page_labels_its_input_and_runs_no_inline_script(site):
    tree = parse(site / "search" / "index.html")
    labels = {label.attrib.get("for") for label in tree.iter("label")}
    assert "search-q" in labels and "search-sort" in labels
    for script in tree.iter("script"):
        assert script.attrib.get("src") or script.attrib.get("type") == "application/json"


@pytest.mark.parametrize("lang_path, plural_forms", [("search", {"one", "other"}), ("ru/search", {"one", "few", "many"})])
def test_search_page_points_at_the_index_and_the_site_root(site, lang_path, plural_forms):
    tree = parse(site / lang_path / "index.html")
    form = next(e for e in tree.iter("form") if "data-search" in e.attrib)
    bundle = posixpath.normpath(posixpath.join(lang_path, form.attrib["data-bundle"]))
    assert bundle == "pagefind/pagefind.js" and (site / bundle).is_file()
    assert posixpath.normpath(posixpath.join(lang_path, form.attrib["data-site-root"])) == "."
    messages = json.loads(form.attrib["data-results"])
    assert set(messages) == plural_forms and all("%(num)d" in m for m in messages.values())


def test_the_result_count_is_in_the_pages_language(site):
    """'N results' in every plural form of Russian, not in English (Babel extracts plural_messages)."""
    form = next(e for e in parse(site / "ru" / "search" / "index.html").iter("form") if "data-search" in e.attrib)
    assert json.loads(form.attrib["data-results"]) == {
        "one": "%(num)d результат", "few": "%(num)d результата", "many": "%(num)d результатов"}


def test_search_page_lists_every_filter_value_with_its_count(site):
    tree = parse(site / "search" / "index.html")
    counts = {}
    for label in tree.iter("label"):
        box = label.find("input")
        if box is not None and box.attrib.get("type") == "checkbox":
            count = next(e for e in label.iter() if "data-count" in e.attrib)
            counts[(box.attrib["name"], box.attrib["value"])] = text_of(count)
    assert counts[("target", "KG")] == "4"
    assert counts[("origin", "RU")] == "1"
    assert counts[("collection", "networks")] == "4"
    assert counts[("year", "2020")] == "3"  # two networks and the election


def test_every_language_gets_its_own_index(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en", "ru"}
    assert all(info["page_count"] > 5 for info in entry["languages"].values())


def test_every_page_marked_for_search_is_indexed_and_no_other(site):
    """Pagefind is pointed at the marked pages only (search.searchable_glob): none may be missed."""
    marked = {}
    for page in site.rglob("*.html"):
        if "data-pagefind-body" in page.read_text(encoding="utf-8"):
            language = page.relative_to(site).parts[0] if page.relative_to(site).parts[0] == "ru" else "en"
            marked[language] = marked.get(language, 0) + 1
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {language: info["page_count"] for language, info in entry["languages"].items()} == marked


def _site(root, pages: dict[str, str]):
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


MARKED = '<article data-pagefind-body><p>A record.</p></article>' + "<p>Its text.</p>" * 200
CARD = "<p>A case card, not searched.</p>" * 200
SITE = {
    "index.html": CARD, "networks/index.html": CARD, "cards/x/index.html": CARD, "charts/index.html": CARD * 5,
    "networks/x/index.html": MARKED, "networks/y/index.html": MARKED, "networks/old-name/index.html": "<p>Moved.</p>",
    "methodology/index.html": MARKED, "ru/methodology/index.html": MARKED, "ru/networks/x/index.html": MARKED,
    "ru/cards/x/index.html": CARD, "data/index.html": MARKED, "data/networks.csv": "data-pagefind-body",
    ".well-known/security.txt": "Contact: x",
}


def test_the_glob_names_marked_pages_by_folder_and_leaves_the_rest_out(tmp_path):
    """Folders whose pages are marked (a small redirect aside) are named whole; the cards and charts are left out."""
    assert searchable_glob(_site(tmp_path, SITE)) == (
        "{data/index.html,methodology/index.html,networks/*/**/*.html,ru/methodology/index.html,"
        "ru/networks/*/**/*.html}")


def test_a_site_without_marked_pages_is_indexed_whole(tmp_path):
    assert searchable_glob(_site(tmp_path, {"index.html": "<p>Plain.</p>"})) is None


@pytest.mark.parametrize("odd", ["notes/{draft}.html", "notes/a(1)/index.html", "notes/with space.html"])
def test_a_name_that_reads_as_glob_syntax_has_the_whole_site_indexed(tmp_path, odd):
    assert searchable_glob(_site(tmp_path, {**SITE, odd: MARKED})) is None


def test_a_symbolic_link_has_the_whole_site_indexed(tmp_path):
    site = _site(tmp_path, SITE)
    (site / "alias").symlink_to(site / "networks")
    assert searchable_glob(site) is None


def test_only_the_search_runtime_is_shipped_not_pagefinds_stock_uis(site):
    shipped = {path.name for path in (site / "pagefind").iterdir() if path.is_file()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= shipped
    assert not any(name.startswith(("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui")) for name in shipped)


def test_a_build_names_the_pages_to_index_from_its_plan_as_reading_the_site_would(tmp_path, monkeypatch):
    """The build tells the search index which pages carry the mark (their templates write it),
    on a first build and on a rebuild that keeps most pages: the same pages, the same glob."""
    from conftest import write_content

    from pipeline import build, search
    from pipeline.searchglob import SEARCH_BODY

    checked = []

    def index_site(staging, built):
        on_disk = {path.relative_to(staging).as_posix() for path in staging.rglob("*.html")
                   if SEARCH_BODY in path.read_bytes()}
        assert built.marked == on_disk
        assert built.files == {path.relative_to(staging).as_posix(): path.stat().st_size
                               for path in staging.rglob("*") if path.is_file()}
        assert searchable_glob(staging, built) == searchable_glob(staging) is not None
        checked.append(len(on_disk))

    monkeypatch.setattr(search, "index_site", index_site)
    content = write_content(tmp_path)
    build(content, tmp_path / "site", with_offline_copy=False)
    network = content / "networks" / "test-network.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace("A story.", "A longer story."), encoding="utf-8")
    rebuilt = build(content, tmp_path / "site", with_offline_copy=False)
    assert rebuilt.pages_kept and len(checked) == 2 and checked[0] == checked[1] > 0


def test_a_mark_in_a_template_others_include_has_the_site_read_for_it(tmp_path):
    from pipeline.searchglob import marked_templates

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "record.html").write_text('<article data-pagefind-body>{{ x }}</article>')
    (tmp_path / "pages" / "plain.html").write_text("<p>{{ x }}</p>")
    assert marked_templates(tmp_path) == {"pages/record.html"}
    (tmp_path / "pages" / "other.html").write_text('{% include "pages/record.html" %}')
    assert marked_templates(tmp_path) is None
