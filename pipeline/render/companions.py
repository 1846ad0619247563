"""Files made from exactly what a page is made from: its citation formats and its record's JSON.

They are written by the worker that renders the page, and a rebuild that keeps the page
(render/pagecache.py) keeps them with it, instead of making 86,000 files again at 10,000
networks to find most of them unchanged.
"""

from __future__ import annotations

from pipeline.render.citations import citation_files
from pipeline.render.data import RECORD_COLLECTIONS, record_json_files
from pipeline.urls import Urls


def companion_files(register, urls: Urls, page) -> dict[str, bytes]:
    """path -> bytes of the files that go with `page` (often none).

    `register` is what the page saw (a TrackedRegister on a cached build), so what these
    files read is counted among the page's reads."""
    files = {}
    citation = page.context.get("citation")
    if citation is not None:
        files |= citation_files(citation)
    if page.record and page.record[0] in RECORD_COLLECTIONS and urls.language_of(page.path) == urls.default_language:
        files |= record_json_files(register, urls, *page.record)
    return files
