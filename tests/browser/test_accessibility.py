"""WCAG 2.2 AA on one page of every page type, every language, light and dark (axe-core in Chromium)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser.support import AXE_OPTIONS, guarded_context, serve_under_prefix, url_of
from sitepages import page_types, site_languages

pytestmark = pytest.mark.browser

COLOURS = ["color-contrast", "link-in-text-block"]
COLOUR_RULES = {"runOnly": {"type": "rule", "values": COLOURS}, "resultTypes": ["violations"]}
"""Dark mode changes colours only: the other rules give the same answer in both schemes, and the
colours are the same in every language (no stylesheet rule depends on the language), so colours
are checked on the default language's pages, in both schemes."""
ALL_BUT_COLOURS = {**AXE_OPTIONS, "rules": {rule: {"enabled": False} for rule in COLOURS}}
"""For the other languages: every rule that a translation can break (names, labels, lang), without
the contrast check that takes most of axe's time and gives the default language's answer."""


@pytest.fixture(scope="module")
def prefixed_url(built_site):
    server, url = serve_under_prefix(built_site)
    yield url
    server.shutdown()


def _violations(browser, built_site, base, scheme, options, languages=None, other_languages=None) -> list[str]:
    """Every axe violation on every page type, as 'type page: rule (impact) target'; pages of the
    languages after the default one are checked with `other_languages` options, if given."""
    default = site_languages(built_site)[0]
    found = []
    context = guarded_context(browser, color_scheme=scheme)
    context.add_init_script(Axe().axe_script)  # once per context, not one evaluate per page; CSP does not apply
    page = context.new_page()
    for name, file in page_types(built_site).items():
        if languages and name.split("/")[0] not in languages:
            continue
        page.goto(url_of(base, built_site, file))
        in_default = name.split("/")[0] == default
        run_with = options if in_default or other_languages is None else other_languages
        for violation in page.evaluate("options => axe.run(document, options)", run_with)["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            found.append(f"{name} ({scheme}): {violation['id']} ({violation['impact']}) {targets}")
    context.close()
    return found


def test_every_page_type_meets_wcag_22_aa_in_light_mode(browser, built_site, prefixed_url):
    assert _violations(browser, built_site, prefixed_url, "light", AXE_OPTIONS, other_languages=ALL_BUT_COLOURS) == []


def test_every_page_type_keeps_its_contrast_in_dark_mode(browser, built_site, prefixed_url):
    default = site_languages(built_site)[0]
    assert _violations(browser, built_site, prefixed_url, "dark", COLOUR_RULES, languages=[default]) == []
