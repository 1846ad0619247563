"""Pages of the built site (every page type in every language, a few of each folder), loaded in Chromium from the /register/ sub-path it is published under:
private (no request off the origin, no cookie, no storage), no console error, styled, links that resolve."""

from __future__ import annotations

import re
from urllib.parse import urldefrag

import pytest

from browser.support import guarded_context, serve_under_prefix, url_of
from sitepages import html_pages, page_types, site_languages

pytestmark = pytest.mark.browser

CSP_BLOCKED = re.compile(r"violates the following Content Security Policy", re.I)

STATE = """() => ({
  cookie: document.cookie, local: localStorage.length, session: sessionStorage.length,
  styled: [...document.styleSheets].some(sheet => sheet.href && sheet.href.endsWith('/css/site.css') && sheet.cssRules.length > 0),
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
})"""


PER_FOLDER = 3
"""Pages of one folder share a template; a few of each keep the crawl within the suite's budget."""


def _pages_to_visit(site):
    """One of every page type in every language, and up to PER_FOLDER pages of each folder in the default one."""
    in_default = [page for page in html_pages(site) if page.relative_to(site).parts[0] not in site_languages(site)[1:]]
    sampled, per_folder = [], {}
    for page in in_default:
        folder = page.relative_to(site).parts[0] if len(page.relative_to(site).parts) > 1 else ""
        per_folder[folder] = per_folder.get(folder, 0) + 1
        if per_folder[folder] <= PER_FOLDER:
            sampled.append(page)
    return sorted(set(sampled) | set(page_types(site).values()))


@pytest.fixture(scope="module")
def visits(browser, built_site):
    """Load every HTML page once; what each page did: {path: state, console errors, off-site requests}."""
    server, base = serve_under_prefix(built_site)
    context = guarded_context(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    seen = {}
    for file in _pages_to_visit(built_site):
        name = file.relative_to(built_site).as_posix()
        del errors[:]
        response = page.goto(url_of(base, built_site, file))
        state = page.evaluate(STATE)
        state.update(status=response.status, errors=list(errors), external=list(context.external_requests))
        del context.external_requests[:]
        seen[name] = state
    seen["(cookies)"] = context.cookies()
    yield base, seen, context
    context.close()
    server.shutdown()


def _pages(visits):
    return {name: state for name, state in visits[1].items() if not name.startswith("(")}


def test_no_page_requests_anything_off_the_site(visits):
    assert {name: state["external"] for name, state in _pages(visits).items() if state["external"]} == {}


def test_no_page_tries_a_load_the_csp_blocks(visits):
    """The CSP stops an off-site font or script before any request is made: the attempt still breaks the promise."""
    attempts = {name: [error for error in state["errors"] if CSP_BLOCKED.search(error)] for name, state in _pages(visits).items()}
    assert {name: found for name, found in attempts.items() if found} == {}


def test_no_page_sets_a_cookie_or_stores_anything(visits):
    assert visits[1]["(cookies)"] == []
    stored = {name: (state["cookie"], state["local"], state["session"]) for name, state in _pages(visits).items()
              if state["cookie"] or state["local"] or state["session"]}
    assert stored == {}


def test_no_page_logs_a_console_error(visits):
    assert {name: state["errors"] for name, state in _pages(visits).items() if state["errors"]} == {}


def test_every_page_loads_styled_from_the_sub_path(visits):
    pages = _pages(visits)
    assert {name: state["status"] for name, state in pages.items() if state["status"] != 200} == {}
    assert [name for name, state in pages.items() if not state["styled"]] == []


def test_every_link_followed_from_the_sub_path_resolves(visits):
    base, seen, context = visits
    targets = sorted({urldefrag(link).url for state in _pages(visits).values() for link in state["links"]
                      if link.startswith(base.split("/register/")[0])})
    outside = [target for target in targets if not target.startswith(base)]
    assert outside == [], "links that escape the /register/ sub-path"
    broken = [target for target in targets if context.request.get(target).status != 200]
    assert broken == []
