"""Every page type parses as valid HTML5: html5lib in strict mode stops at the first parse error."""

from __future__ import annotations

import html5lib

from sitepages import page_types


def test_every_page_type_is_valid_html(built_site):
    invalid = {}
    for name, page in page_types(built_site).items():
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(page.read_bytes())
        except html5lib.html5parser.ParseError as error:
            invalid[name] = f"{page.relative_to(built_site)}: {error} at {parser.errors[-1][0] if parser.errors else '?'}"
    assert invalid == {}
