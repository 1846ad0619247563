"""Source health for `build.py check --links`: which cited pages still answer, which lack an archive.

Opt-in and the only part of the project that goes to the network: it is never run by a
build or by the tests. HEAD first, GET when a server refuses HEAD; a few requests at once.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pipeline.load import Records

TIMEOUT = 15.0
WORKERS = 8
USER_AGENT = "takedown-register-linkcheck/1 (+build.py check --links)"


@dataclass(frozen=True)
class LinkStatus:
    source: str  # the source's file, as the curator sees it
    url: str
    status: int | None  # HTTP status; None when nothing answered
    error: str = ""

    @property
    def is_broken(self) -> bool:
        return self.status is None or self.status >= 400


def probe(url: str, timeout: float = TIMEOUT) -> tuple[int | None, str]:
    """(status, error) for one URL: HEAD, then GET if HEAD is refused."""
    status, error = None, ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, ""
        except urllib.error.HTTPError as failed:
            status, error = failed.code, failed.reason if isinstance(failed.reason, str) else str(failed.code)
            if failed.code not in (403, 405, 501):
                return status, error
        except (urllib.error.URLError, OSError, ValueError) as failed:
            status, error = None, str(getattr(failed, "reason", failed))
    return status, error


def check_links(records: Records, timeout: float = TIMEOUT) -> list[LinkStatus]:
    """The status of every source URL and archive URL, in source order."""
    targets = []
    for _slug, entry in sorted(records.collections["sources"].items()):
        targets.append((entry.path, entry.model.url))
        if entry.model.archive_url:
            targets.append((entry.path, entry.model.archive_url))
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = pool.map(lambda target: LinkStatus(*target, *probe(target[1], timeout)), targets)
        return list(results)


def unarchived(records: Records) -> list[str]:
    """Files of sources with no archive_url: the ones that vanish if the publisher removes them."""
    return [entry.path for _slug, entry in sorted(records.collections["sources"].items()) if not entry.model.archive_url]


def report(records: Records, timeout: float = TIMEOUT, out=sys.stdout) -> int:
    """Print broken links and unarchived sources; exit code 1 when a link is broken."""
    statuses = check_links(records, timeout)
    broken = [s for s in statuses if s.is_broken]
    for item in broken:
        answer = f"HTTP {item.status}" if item.status else "no answer"
        print(f"{item.source}: {answer}: {item.url} {item.error}".rstrip(), file=out)
    missing = unarchived(records)
    for path in missing:
        print(f"{path}: no archive_url (add a Wayback Machine copy)", file=out)
    print(f"{len(statuses)} links checked, {len(broken)} not answering; "
          f"{len(missing)} of {len(records.collections['sources'])} sources without archive_url", file=out)
    return 1 if broken else 0
