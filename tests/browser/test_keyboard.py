"""Keyboard only: Tab reaches every control and link in DOM order, each with a visible focus ring."""

from __future__ import annotations

import pytest

from browser.support import guarded_context, serve_under_prefix, url_of
from sitepages import page_types

pytestmark = pytest.mark.browser

MARK_FOCUSABLE = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const style = element => { const s = getComputedStyle(element); return [s.outlineStyle, s.outlineWidth, s.boxShadow].join(' '); };
  return [...document.querySelectorAll(selector)]
    .filter(element => !element.disabled && element.checkVisibility({visibilityProperty: true}))
    .map((element, index) => { element.dataset.kb = index; return {index, resting: style(element),
      name: element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + ' ' + (element.getAttribute('href') || '')}; });
}"""

FOCUSED = """() => { const element = document.activeElement; const s = getComputedStyle(element);
  return {index: element.dataset.kb === undefined ? null : Number(element.dataset.kb),
          focused: [s.outlineStyle, s.outlineWidth, s.boxShadow].join(' '),
          ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'}; }"""


@pytest.fixture(scope="module")
def keyboard_page(browser, built_site):
    server, base = serve_under_prefix(built_site)
    context = guarded_context(browser)
    page = context.new_page()
    page.open_type = lambda kind: page.goto(url_of(base, built_site, page_types(built_site)[kind]))
    yield page
    context.close()
    server.shutdown()


def tab_through(page) -> tuple[list[dict], list[dict]]:
    """Press Tab until focus leaves the page's last control; the focusables, and what each Tab focused."""
    focusable = page.evaluate(MARK_FOCUSABLE)
    visited = []
    for _ in range(len(focusable) + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        if state["index"] is None or (visited and state["index"] == visited[-1]["index"]):
            break
        visited.append(state)
        if state["index"] == len(focusable) - 1:
            break
    return focusable, visited


def test_tab_reaches_every_link_of_a_network_page_in_order_with_a_focus_ring(keyboard_page):
    keyboard_page.open_type("en/network:networks")
    focusable, visited = tab_through(keyboard_page)
    order = [state["index"] for state in visited]
    assert order == list(range(len(focusable))), [focusable[i]["name"] for i in sorted(set(range(len(focusable))) - set(order))]
    names = [item["name"] for item in focusable]
    assert "input#header-q " in names
    unringed = [focusable[s["index"]]["name"] for s in visited if not s["ring"] or s["focused"] == focusable[s["index"]]["resting"]]
    assert unringed == []


def test_tab_reaches_the_table_filter_on_the_networks_index(keyboard_page):
    keyboard_page.open_type("en/index:networks")
    focusable, visited = tab_through(keyboard_page)
    reached = {focusable[state["index"]]["name"].split()[0] for state in visited}
    assert {"input#header-q", "input#networks-filter"} <= reached
    assert all(state["ring"] for state in visited)
