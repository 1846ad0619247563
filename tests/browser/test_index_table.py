"""Home, a network page and the networks index on a phone and a desktop: no overflow, working filter."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

VIEWPORTS = [(360, 740), (1280, 900)]


@pytest.mark.parametrize("width,height", VIEWPORTS)
@pytest.mark.parametrize("path", ["", "networks/", "networks/kg-media-center-2020/", "actors/nurkan-kerimbayev/",
                                  "ru/cards/kg-media-center-2020/", "cards-ru.html"])
def test_page_fits_the_screen_without_console_errors(page, site_url, path, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page is {overflow}px wider than a {width}px screen"
    assert page.console_errors == []
    assert page.external_requests == []


@pytest.mark.parametrize("width,height", VIEWPORTS)
def test_networks_table_filters_and_sorts(page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + "networks/")
    rows = page.locator("#networks-table tbody tr")
    total = rows.count()
    assert total >= 4
    page.get_by_label("Filter the table").fill("Media Center")
    visible = [row for row in rows.all() if row.is_visible()]
    assert len(visible) == 1 and "Media Center" in visible[0].inner_text()
    assert page.locator("[data-count-for='networks-table']").inner_text() == f"Showing 1 of {total}"
    page.get_by_label("Filter the table").fill("")
    page.get_by_role("button", name="Accounts removed").click()
    values = [int(v or 0) for v in page.locator("#networks-table tbody td.num:nth-of-type(3)").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-value'))")]
    assert values == sorted(values)
    assert page.console_errors == []


def test_table_is_complete_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "networks/")
    assert page.locator("#networks-table tbody tr").count() >= 4
    assert not page.locator("[data-table-tools]").is_visible()
    context.close()
