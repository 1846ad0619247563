"""Pages that list every network, from kept parts: a rebuild renders only the parts whose inputs changed.

A deck (cards-<lang>.html) shows every network's card and /networks/ a row for each, so
any edit renders them again; at 10,000 networks that was 7 s of Jinja for one changed
card, and 3 s for one changed row. Each card or row is a fragment with its own reads,
recorded as a page's are (render/pagecache.py), and its HTML is kept in the page
manifest; a fragment whose fingerprint is unchanged is copied from there, and its reads
still count as the page's.
"""

from __future__ import annotations

import hashlib
from typing import Callable

from pipeline.render.pagecache import Fingerprints, FragmentEntry, Read, TrackedRegister

SITE: Read = ("site",)
"""Every fragment reads the site's settings through its page's context (its languages, title)."""


class PageFragments:
    """One worker's view: the previous build's fragments, and what this build used."""

    def __init__(self, previous: dict[str, FragmentEntry], fingerprints: Fingerprints, setting: bytes):
        self.previous, self.fingerprints, self.setting = previous, fingerprints, setting
        self.used: dict[str, FragmentEntry | None] = {}
        """key -> the fragment rendered in this build, or None for one kept as it was."""

    def part(self, key: str, register, render: Callable[[], str]) -> str:
        """The HTML of the fragment `key` (page file#network): kept when its inputs are
        unchanged, else rendered with `render()` while `register` notes what it reads."""
        if not isinstance(register, TrackedRegister) or register.reads is None:
            return render()
        planned = hashlib.sha256(self.setting + key.encode()).digest()
        before = self.previous.get(key)
        if before is not None and before[0] == planned and self.fingerprints.page(planned, before[1]) == before[2]:
            register.reads.update(before[1])
            self.used[key] = None
            return before[3]
        page_reads, register.reads = register.reads, {SITE}
        try:
            html = render()
            reads = tuple(sorted(register.reads))
        finally:
            page_reads.update(register.reads)
            register.reads = page_reads
        self.used[key] = (planned, reads, self.fingerprints.page(planned, reads), html)
        return html

    def take(self) -> dict[str, FragmentEntry | None]:
        """What this worker used since the last call (sent back with its task's result)."""
        used, self.used = self.used, {}
        return used
