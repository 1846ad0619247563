"""Charts drawn in a real browser: every figure's traces and points are on screen, clicking a
node opens its page, nothing is fetched from anywhere but the site, nothing logs an error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# For each chart block: its plot's id, how many traces, and how many markers or bars they draw.
EXPECTED = """blocks => blocks.map(block => {
  const figure = JSON.parse(block.textContent);
  const drawn = trace => trace.type === "bar" || (trace.mode || "").includes("markers");
  const points = figure.data.filter(drawn).reduce((n, t) => n + t.x.filter(x => x !== null).length, 0);
  return [block.dataset.plot, figure.data.length, points];
})"""


def _open(page, url):
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))  # not part of the charts
    page.goto(url)
    page.wait_for_load_state("load")


@pytest.mark.parametrize("path,width", [("charts/", 360), ("ru/networks/kg-media-center-2020/", 1280)])
def test_every_chart_is_drawn(page, site_url, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    _open(page, site_url + path)
    expected = page.locator("script.chart-data").evaluate_all(EXPECTED)
    assert expected, "no chart on " + path
    for plot_id, traces, points in expected:
        plot = page.locator(f"#{plot_id}")
        plot.locator(".main-svg").first.wait_for()
        assert plot.locator(".cartesianlayer .trace").count() == traces, plot_id
        assert plot.locator(".cartesianlayer .point").count() == points, plot_id
        assert plot.locator("xpath=ancestor::figure//details").get_attribute("open") is None  # table folded
    assert page.console_errors == []
    assert page.external_requests == []


def test_clicking_a_node_opens_its_page(page, site_url):
    _open(page, site_url + "actors/media-center/")
    node = page.locator("#chart-actor-ties-plot .cartesianlayer .trace .point").last
    node.wait_for()
    node.scroll_into_view_if_needed()
    box = node.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(lambda url: "/actors/media-center/" not in url)
    assert "/elections/" in page.url or "/networks/" in page.url or "/actors/" in page.url
    assert page.console_errors == []


def test_without_javascript_the_table_stands_in(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "charts/")
    assert page.locator(".chart-plot").first.is_hidden()
    assert page.locator("details.chart-table table").first.is_visible()
    context.close()
