"""Shared fixtures: small inline content trees, the real site built once, a browser.

Inline trees (`write_content`) serve most tests; the real `content/` is built once per
session (`built_site`) for end-to-end promises. Browser tests use the system Chromium
and skip with one clear line when it is missing, except under CI=true, where they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
EPOCH = "1735689600"  # 2025-01-01: builds in tests never read the clock

MINIMAL = {
    "site.yaml": """\
title: {en: Test register, ru: Тестовый реестр}
tagline: A register for tests.
base_url: https://example.org/register/
languages: [en, ru]
license: CC-BY-4.0
publisher: test-publisher
""",
    "actors/test-publisher.yaml": "name: Test Publisher\nkind: ngo\ncountry: KG\n",
    "actors/test-platform.yaml": "name: Test Platform\nkind: platform\n",
    "actors/test-company.yaml": """\
name: Test Company
kind: company
country: KG
responses:
  - date: 2021-02
    stance: denies
    summary: Says it ran no fake accounts.
    source: test-report
""",
    "sources/test-report.yaml": """\
title: Test report
publisher: test-publisher
url: https://example.org/report
published: 2021-01-12
language: en
kind: platform-report
""",
    "elections/test-election.yaml": """\
name: Test election
country: KG
kind: parliamentary
date: 2020-10-04
sources: [test-report]
""",
    "tactics/test-tactic.yaml": """\
name: Test tactic
summary: A behaviour.
stage: disguising
how_to_spot: Look closely.
""",
    "networks/test-network.yaml": """\
name: {en: Test network, ru: Тестовая сеть}
summary: A network for tests.
status: removed
origin: [KG]
targets: [KG]
takedowns:
  - platform: test-platform
    date: 2021-01-12
    source: test-report
    removed: {accounts: 10, pages: 2}
operators:
  - actor: test-company
    confidence: confirmed
    sources: [test-report]
elections: [test-election]
tactics: [test-tactic]
sources: [test-report]
body: A story.
""",
}
"""A small valid register: every collection, two languages, no warnings."""


def write_content(root: Path, files: dict[str, str | bytes | None] | None = None, base: bool = True) -> Path:
    """Write a content tree under `root`: the MINIMAL register, changed by `files`.

    A value of None deletes that file from the tree; bytes are written as they are.
    """
    tree = dict(MINIMAL) if base else {}
    tree.update(files or {})
    content = root / "content"
    for relative, text in tree.items():
        if text is None:
            continue
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    content.mkdir(exist_ok=True)
    return content


@pytest.fixture(autouse=True, scope="session")
def _reproducible_environment():
    os.environ.setdefault("SOURCE_DATE_EPOCH", EPOCH)
    yield


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content/ built once for the whole session (read-only for tests)."""
    from pipeline import build

    out = tmp_path_factory.mktemp("built") / "site"
    build(CONTENT, out)
    return out


@pytest.fixture(scope="session")
def bundled_zip(tmp_path_factory) -> Path:
    """The real content/ as `build.py bundle` writes it into dist/, once for the whole session."""
    from pipeline.bundle import bundle

    return bundle(CONTENT, tmp_path_factory.mktemp("bundle") / "dist")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output readable
        pass


def serve(directory: Path, prefix: str = "") -> tuple[socketserver.TCPServer, str]:
    """Serve `directory` on 127.0.0.1 at a free port (under `prefix`, e.g. '/register')."""
    root = directory
    if prefix:
        root = directory.parent / f"_served_{directory.name}"
        target = root / prefix.strip("/")
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(directory.resolve(), target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}/"


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The real site served on 127.0.0.1 for browser tests."""
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """The system Chromium through Playwright; skipped locally without it, fatal on CI."""
    if not CHROMIUM.exists():
        message = "browser tests need Debian's chromium (apt-get install chromium); .ci/run installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page whose requests to anything but 127.0.0.1 are aborted and recorded."""
    context = browser.new_context()
    page = context.new_page()
    page.external_requests = []
    page.console_errors = []

    def is_off_site(url: str) -> bool:
        return not url.startswith(("http://127.0.0.1", "file://", "data:", "blob:"))

    def abort(route):
        page.external_requests.append(route.request.url)
        route.abort()

    context.route(is_off_site, abort)  # local requests are not intercepted, so they keep the cache
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def copy_content(tmp_path: Path) -> Path:
    """A private copy of the real content/, for tests that change it."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
