"""WCAG 2.2 AA on one page of every page type, every language, light and dark (axe-core in Chromium)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser.support import AXE_OPTIONS, guarded_context, serve_under_prefix, url_of
from sitepages import page_types, site_languages

pytestmark = pytest.mark.browser

COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
                "resultTypes": ["violations"]}
"""Dark mode changes colours only: the other rules give the same answer in both schemes, and the
colours are the same in every language, so dark mode is checked on the default language's pages."""


@pytest.fixture(scope="module")
def prefixed_url(built_site):
    server, url = serve_under_prefix(built_site)
    yield url
    server.shutdown()


def _violations(browser, built_site, base, scheme, options, languages=None) -> list[str]:
    """Every axe violation on every page type, as 'type page: rule (impact) target'."""
    found = []
    context = guarded_context(browser, color_scheme=scheme)
    context.add_init_script(Axe().axe_script)  # once per context, not one evaluate per page; CSP does not apply
    page = context.new_page()
    for name, file in page_types(built_site).items():
        if languages and name.split("/")[0] not in languages:
            continue
        page.goto(url_of(base, built_site, file))
        for violation in page.evaluate("options => axe.run(document, options)", options)["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            found.append(f"{name} ({scheme}): {violation['id']} ({violation['impact']}) {targets}")
    context.close()
    return found


def test_every_page_type_meets_wcag_22_aa_in_light_mode(browser, built_site, prefixed_url):
    assert _violations(browser, built_site, prefixed_url, "light", AXE_OPTIONS) == []


def test_every_page_type_keeps_its_contrast_in_dark_mode(browser, built_site, prefixed_url):
    default = site_languages(built_site)[0]
    assert _violations(browser, built_site, prefixed_url, "dark", COLOUR_RULES, languages=[default]) == []
