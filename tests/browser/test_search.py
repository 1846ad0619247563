"""Search in a real browser: typed queries, filters, shared URLs, languages, privacy.

Runs against a small register with known names (tests/searchregister.py), built once for
this module, plus one smoke test on the real site.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import CONTENT, serve
from searchregister import TARGETING_KG, build_search_register

pytestmark = pytest.mark.browser

RESULT_TITLES = ".search-result h3 a"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    return build_search_register(tmp_path_factory)


@pytest.fixture(scope="module")
def search_url(search_site):
    server, url = serve(search_site)
    yield url
    server.shutdown()


@pytest.fixture
def search(page):
    """The page, with the site's missing favicon answered so it cannot log a 404."""
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    yield page
    assert page.console_errors == []
    assert page.external_requests == []


def open_search(page, base: str, query: str = "") -> None:
    page.goto(base + "search/" + query)
    page.wait_for_selector("form[data-search]:not([hidden])")


def settle(page) -> list[str]:
    """The result titles once the running search has rendered them (searches run as you type)."""
    page.wait_for_selector("[data-list][aria-busy=false]", state="attached")
    return page.locator(RESULT_TITLES).all_inner_texts()


def type_query(page, text: str) -> list[str]:
    page.fill("#search-q", "")
    page.type("#search-q", text)
    page.press("#search-q", "Enter")
    page.wait_for_function("""q => new URLSearchParams(location.search).get('q') === q
        && document.querySelector('[data-list]').getAttribute('aria-busy') === 'false'""", arg=text)
    return settle(page)


@pytest.mark.parametrize("query, first", [
    ("Steppe Echo", "Steppe Echo"),                      # an exact network name
    ("Восход", "Sunrise Media Center"),                   # a Cyrillic spelling of a Latin-named network
    ("Toktogulov", "Aibek Toktogulov"),                  # an actor's surname
    ("Токтогулов", "Aibek Toktogulov"),                  # the same surname in Cyrillic
])
def test_typed_query_finds_the_record_first(search, search_url, query, first):
    open_search(search, search_url)
    titles = type_query(search, query)
    assert titles and titles[0] == first, titles


def test_country_and_year_filters_narrow_to_the_record(search, search_url):
    open_search(search, search_url)
    for name, value in (("country", "RU"), ("year", "2020")):
        search.locator(f'[data-facet="{name}"] > summary').click()
        search.locator(f'input[name="{name}"][value="{value}"]').check()
    assert settle(search) == ["Volga Chorus"]
    assert parse_qs(urlsplit(search.url).query) == {"country": ["RU"], "year": ["2020"]}


def test_one_filter_without_a_query_lists_exactly_its_records(search, search_url):
    open_search(search, search_url, "?target=KG")
    assert set(settle(search)) == TARGETING_KG
    assert len(settle(search)) == len(TARGETING_KG)
    count = search.locator('input[name="target"][value="KG"]').locator("xpath=..").locator("[data-count]")
    assert count.inner_text() == str(len(TARGETING_KG))


def test_a_shared_url_restores_query_filters_and_order(search, search_url):
    open_search(search, search_url, "?q=Toktogulov&collection=actors&sort=date")
    assert search.input_value("#search-q") == "Toktogulov"
    assert search.locator('input[name="collection"][value="actors"]').is_checked()
    assert search.input_value("#search-sort") == "date"
    # an actor has no date, so sorting by date leaves it out: the order is restored, not ignored
    search.select_option("#search-sort", "")
    assert settle(search)[0] == "Aibek Toktogulov"
    assert parse_qs(urlsplit(search.url).query) == {"q": ["Toktogulov"], "collection": ["actors"]}


def test_results_link_to_the_record_and_highlight_the_match(search, search_url):
    open_search(search, search_url)
    type_query(search, "Volga")
    first = search.locator(".search-result").first
    assert "Volga" in first.locator("mark").first.inner_text()
    first.locator("h3 a").click()
    search.wait_for_url("**/networks/ru-volga-2020/")


def test_russian_page_searches_the_russian_index(search, search_url):
    open_search(search, search_url + "ru/")
    assert type_query(search, "Медиацентр")[0] == "Медиацентр Восход"
    href = search.locator(RESULT_TITLES).first.get_attribute("href")
    assert urlsplit(href).path == "/ru/networks/kg-sunrise-2020/"


def test_search_works_when_the_site_is_served_under_a_sub_path(search, search_site):
    server, url = serve(search_site, prefix="/register")
    try:
        open_search(search, url)
        type_query(search, "Steppe Echo")
        href = search.locator(RESULT_TITLES).first.get_attribute("href")
        assert urlsplit(href).path == "/register/networks/kz-steppe-2021/"
    finally:
        server.shutdown()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_with_results_passes_axe(search, search_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    search.emulate_media(color_scheme=scheme)
    open_search(search, search_url, "?q=Media&collection=networks")
    assert settle(search)
    results = Axe().run(search)
    assert results.violations_count == 0, results.generate_report()


def test_without_javascript_the_page_offers_the_lists(browser, search_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(search_url + "search/")
        assert page.locator("[data-search-fallback]").is_visible()
        assert not page.locator("form[data-search]").is_visible()
        page.locator("[data-search-fallback] a").first.click()
        page.wait_for_url("**/networks/")
    finally:
        context.close()


def test_real_site_finds_the_media_center_network(search, site_url, built_site):
    if not (CONTENT / "networks" / "kg-media-center-2020.yaml").exists():
        pytest.skip("the Media Center network is not in content/ yet")
    transferred = []
    search.on("requestfinished", lambda request: transferred.append(urlsplit(request.url).path))
    open_search(search, site_url)
    titles = type_query(search, "Media Center")
    href = search.locator(RESULT_TITLES).first.get_attribute("href")
    assert urlsplit(href).path == "/networks/kg-media-center-2020/", titles
    index_bytes = sum((built_site / path.lstrip("/")).stat().st_size for path in set(transferred)
                      if path.startswith("/pagefind/") and not path.endswith(".js"))
    assert index_bytes < 200_000, index_bytes  # index, filters, fragments and wasm of a first search
