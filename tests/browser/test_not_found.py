"""The 404 page works at any depth under the sub-path: styled, and its links lead somewhere real."""

from __future__ import annotations

import pytest

from browser.support import guarded_context, serve_under_prefix

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("missing", ["no-such-page/", "no/such/deep/page/", "networks/no-such-network/"])
def test_not_found_page_is_styled_and_linked_at_any_depth(browser, built_site, missing):
    server, base = serve_under_prefix(built_site)
    context = guarded_context(browser)
    page = context.new_page()
    try:
        response = page.goto(base + missing)
        assert response.status == 404
        assert page.evaluate("[...document.styleSheets].some(s => s.href && s.href.endsWith('/css/site.css') && s.cssRules.length > 0)")
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).top").startswith("-")
        links = page.evaluate("""[...document.querySelectorAll('a[href]:not([href^="#"])')]
                                 .filter(a => a.origin === location.origin).map(a => a.href.split('#')[0])""")
        assert links and all(link.startswith(base) for link in links), links
        assert [link for link in sorted(set(links)) if context.request.get(link).status != 200] == []
        assert context.external_requests == []
    finally:
        context.close()
        server.shutdown()
