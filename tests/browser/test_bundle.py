"""The offline copy: unzipped and opened from disk (file://), every link, chart, filter and card works."""

from __future__ import annotations

import html.parser
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipeline.bundle import bundle
from tests.conftest import write_content

pytestmark = pytest.mark.browser

NETWORK = "kg-media-center-2020"


@pytest.fixture(scope="module")
def offline_copy(bundled_zip, tmp_path_factory) -> Path:
    """The real content/ bundled (once per session), unzipped: the folder a trainer opens."""
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundled_zip) as unzipped:
        unzipped.extractall(out)
    return out / bundled_zip.stem


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.links += [value for name, value in attrs if name in ("href", "src", "action") and value]


def _local_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [link for link in parser.links if not link.startswith(("http:", "https:", "mailto:", "#", "data:"))]


def test_zip_is_named_for_the_version_and_holds_one_folder(offline_copy):
    assert offline_copy.name == "takedown-register-1.0"
    assert [p.name for p in offline_copy.parent.iterdir()] == [offline_copy.name]
    assert (offline_copy / "index.html").is_file() and (offline_copy / "cards-en.html").is_file()
    assert not (offline_copy / "pagefind").exists()  # search cannot run from file://


def test_every_link_names_a_file_not_a_folder(offline_copy):
    broken = []
    for page in sorted(offline_copy.rglob("*.html")):
        for link in _local_links(page):
            target = page.parent / unquote(link.split("#", 1)[0].split("?", 1)[0])
            if not target.is_file():
                broken.append(f"{page.relative_to(offline_copy)}: {link}")
    assert broken == []


def test_links_in_content_markdown_point_at_index_files(offline_copy):
    story = _local_links(offline_copy / "networks" / NETWORK / "index.html")
    assert "../../actors/nurkan-kerimbayev/index.html" in story
    guide = _local_links(offline_copy / "workshop-guide" / "index.html")
    assert "../cards/index.html" in guide and "../tactics/index.html" in guide


@pytest.mark.parametrize("path", ["index.html", f"networks/{NETWORK}/index.html", "charts/index.html",
                                  f"cards/{NETWORK}/index.html", "ru/networks/index.html"])
def test_page_loads_from_disk_without_failed_requests_or_errors(page, offline_copy, path):
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto((offline_copy / path).as_uri())
    page.wait_for_load_state("load")
    assert failed == [] and page.console_errors == [] and page.external_requests == []


def test_charts_draw_from_disk(page, offline_copy):
    page.goto((offline_copy / "charts" / "index.html").as_uri())
    page.wait_for_selector(".chart-plot .main-svg", timeout=15000)
    assert page.locator(".chart-plot .main-svg").count() >= 1
    assert page.console_errors == []


def test_networks_table_filters_from_disk(page, offline_copy):
    page.goto((offline_copy / "networks" / "index.html").as_uri())
    page.get_by_label("Filter the table").fill("Media Center")
    visible = [row for row in page.locator("#networks-table tbody tr").all() if row.is_visible()]
    assert len(visible) == 1


def test_clicking_through_stays_inside_the_copy(page, offline_copy):
    inside = offline_copy.as_uri()
    page.goto((offline_copy / "index.html").as_uri())
    for click in (lambda: page.locator(".site-nav").get_by_role("link", name="Networks").click(),
                  lambda: page.locator("#networks-table").get_by_role("link", name="Media Center network").click(),
                  lambda: page.locator(".tactic-list a").first.click(),
                  lambda: page.locator(".site-nav").get_by_role("link", name="Tactics").click()):
        click()
        page.wait_for_load_state("load")
        assert page.url.startswith(inside) and page.url.endswith("/index.html"), page.url
        assert page.locator("h1").count() == 1
    assert page.console_errors == []


def test_search_page_points_to_the_lists_offline(page, offline_copy):
    page.goto((offline_copy / "search" / "index.html").as_uri())
    page.wait_for_load_state("load")
    fallback = page.locator("[data-search-fallback]")
    assert fallback.is_visible()
    assert fallback.get_by_role("link", name="Networks").get_attribute("href") == "../networks/index.html"


def test_two_bundles_are_byte_identical(tmp_path):
    content = write_content(tmp_path)
    first = bundle(content, tmp_path / "one").read_bytes()
    second = bundle(content, tmp_path / "two").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "one" / "takedown-register-dev.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in archive.infolist()} == {archive.infolist()[0].date_time}
