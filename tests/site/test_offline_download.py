"""The offline copy as a download on /data/: linked with its size, the bytes `build.py bundle` writes.

The real site (`built_site`, a default build) carries the zip; a small register shows what
`--no-bundle` leaves out and that the zip counts as one more download.
"""

from __future__ import annotations

import io
import re
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest

import build
from conftest import write_content
from sitepages import parse, resolve, text_of

ZIP = "takedown-register-1.0.zip"
HEADINGS = {"": "Offline copy", "ru/": "Офлайн-копия", "ky/": "Офлайн көчүрмө"}


def _offline_section(page: Path):
    return parse(page).find(".//section[@aria-labelledby='offline-heading']")


def _local_targets(site: Path, page: Path) -> list[Path]:
    """Every file the page links to inside the site (anchors and external links left out)."""
    links = [a.get("href") for a in parse(page).iter("a") if a.get("href")]
    return [found[0] for found in (resolve(site, page, href) for href in links) if found]


@pytest.mark.parametrize("prefix", sorted(HEADINGS))
def test_data_page_links_the_offline_copy_with_its_size(built_site, prefix):
    page = built_site / prefix / "data" / "index.html"
    section = _offline_section(page)
    assert section is not None and text_of(section.find(".//h2")) == HEADINGS[prefix]
    (link,) = [a for a in section.iter("a") if a.get("href", "").endswith(".zip")]
    target, _anchor = resolve(built_site, page, link.get("href"))
    assert target == built_site / "data" / ZIP and target.is_file()


def test_its_size_is_shown_like_the_other_downloads(built_site):
    rows = {text_of(row.find("th")): text_of(row.find("td"))
            for row in parse(built_site / "data" / "index.html").iter("tr") if row.find("td") is not None}
    kilobytes = round((built_site / "data" / ZIP).stat().st_size / 1024, 1)
    assert rows[ZIP] == f"{kilobytes:,g} KB" and rows["register.sqlite"].endswith(" KB")


def test_the_linked_zip_opens_at_index_html(built_site):
    with zipfile.ZipFile(built_site / "data" / ZIP) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert "takedown-register-1.0/index.html" in names and "takedown-register-1.0/data/index.html" in names


def test_the_zip_on_the_site_is_what_build_py_bundle_writes(built_site, bundled_zip):
    assert bundled_zip.name == ZIP
    assert (built_site / "data" / ZIP).read_bytes() == bundled_zip.read_bytes()


def test_the_copy_holds_no_zip_and_does_not_offer_itself(built_site):
    with zipfile.ZipFile(built_site / "data" / ZIP) as archive:
        assert not [name for name in archive.namelist() if name.endswith(".zip")]
        data_page = archive.read("takedown-register-1.0/data/index.html").decode("utf-8")
    assert 'id="offline-heading"' not in data_page and ".zip" not in data_page


@pytest.fixture(scope="module")
def small_builds(tmp_path_factory) -> tuple[Path, Path, list[str]]:
    """A small register built by the command line twice: by default and with --no-bundle."""
    root = tmp_path_factory.mktemp("offline")
    content = write_content(root)
    summaries = []
    for name, options in (("default", []), ("no-bundle", ["--no-bundle"])):
        out = io.StringIO()
        with redirect_stdout(out):
            assert build.main(["build", "--content", str(content), "--out", str(root / name), *options]) == 0
        summaries.append(out.getvalue().splitlines()[0])
    return root / "default", root / "no-bundle", summaries


def test_no_bundle_build_has_no_zip_and_no_link(small_builds):
    _default, site, _summaries = small_builds
    assert not list(site.rglob("*.zip"))
    for prefix in ("", "ru/"):
        page = site / prefix / "data" / "index.html"
        assert _offline_section(page) is None
        missing = [str(target) for target in _local_targets(site, page) if not target.is_file()]
        assert missing == []


def test_the_zip_counts_as_one_more_download(small_builds):
    default, _site, (with_zip, without_zip) = small_builds
    assert [path.name for path in (default / "data").glob("*.zip")] == ["takedown-register-dev.zip"]
    counts = [tuple(int(n) for n in re.search(r"(\d+) downloads \((\d+) files", line).groups())
              for line in (with_zip, without_zip)]
    assert counts[0] == (counts[1][0] + 1, counts[1][1] + 1)
