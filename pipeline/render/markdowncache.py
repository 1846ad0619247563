"""Rendered markdown kept between builds, keyed on the text and the renderer's code.

A network's body is the largest cost of its page (about 1.7 ms of 4.5 ms). The page cache
(render/pagecache.py) keeps pages an edit does not touch; this cache serves the texts of
the pages it renders again, all of them after a change to templates or code. The key is
the text itself with the options that change its HTML (heading offset, offline links),
and the file is named for markdown.py, urls.py and the markdown-it versions, so the cache
can never give an old rendering.

Render workers fill their forked copy; each task sends back the texts it rendered and the
keys it used (`take_new`), the build merges them (`merge`) and saves once.
"""

from __future__ import annotations

from pathlib import Path

import markdown_it
import mdit_py_plugins

from pipeline import contentcache, urls
from pipeline.render import markdown

NewEntries = tuple[dict[bytes, str], set[bytes]]
"""(entries added, keys used) by one worker since it last reported."""


class MarkdownCache(contentcache.ContentCache):
    """{sha256 of (options, markdown text): its HTML}."""

    NAME = "markdown"
    KEEP_UNUSED_FOR = 20
    """A rebuild that keeps a page does not render its text; the text is still wanted the
    next time the page (or every page, after a template change) is rendered."""

    def __init__(self, file: Path | None):
        super().__init__(file)
        self._reported: set[bytes] = set()
        self._added: set[bytes] = set()

    @classmethod
    def code_version(cls) -> str:
        return contentcache.code_version(
            [Path(markdown.__file__), Path(urls.__file__), Path(__file__), Path(contentcache.__file__)],
            f"{markdown_it.__version__} {mdit_py_plugins.__version__}")

    def text_key(self, source: str, heading_offset: int, offline: bool) -> bytes | None:
        return self.key(f"{heading_offset} {int(offline)}\n{source}".encode())

    def put(self, key: bytes, value: str) -> None:
        super().put(key, value)
        self._added.add(key)

    def take_new(self) -> NewEntries:
        """What this process rendered and used since the last call (a worker's report to the
        build: the HTML of texts it already had is not sent back)."""
        used = self.used - self._reported
        self._reported |= used
        added, self._added = {key: self.entries[key] for key in self._added}, set()
        return added, used

    def merge(self, reported: NewEntries) -> None:
        added, used = reported
        if added.keys() - self.entries.keys():
            self.changed = True
        self.entries.update(added)
        self.used |= used
