"""`build.py serve`: the preview a curator keeps open while editing.

Each test runs the real command in a subprocess on a private content tree, and waits for
rebuilds by polling the page until it shows the change (bounded by a deadline: a hang
fails, a slow machine does not).
"""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import html5lib
import pytest

from conftest import MINIMAL, ROOT, write_content

DEADLINE = 120  # seconds a rebuild may take before the test gives up
NETWORK = "networks/test-network.yaml"


class Preview:
    """`build.py serve` running in a subprocess, with its output collected line by line."""

    def __init__(self, content: Path, site: Path):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content", str(content),
             "--out", str(site)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        threading.Thread(target=self._collect, args=(self.process.stdout, self.lines.put), daemon=True).start()
        threading.Thread(target=self._collect, args=(self.process.stderr, self.stderr.append), daemon=True).start()
        self.url = self._address()

    @staticmethod
    def _collect(stream, keep) -> None:
        for line in stream:
            keep(line)

    def _address(self) -> str:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, "serve stopped: " + "".join(self.stderr)
                continue
            found = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
            if found:
                return found.group(1)
        pytest.fail("serve printed no address: " + "".join(self.stderr))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, predicate) -> tuple[int, object]:
        """GET `path` until predicate(status, parsed page) holds; fail after DEADLINE."""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            status, text = self.get(path)
            page = html5lib.parse(text, namespaceHTMLElements=False)
            if predicate(status, page):
                return status, page
            time.sleep(0.3)
        pytest.fail(f"{path} never changed as expected; serve said: " + "".join(self.stderr))

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def wait_until(condition, what: str) -> None:
    end = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.3)


def texts(page, tag: str, cls: str | None = None) -> list[str]:
    return [" ".join("".join(el.itertext()).split()) for el in page.iter(tag)
            if cls is None or cls in (el.get("class") or "").split()]


@pytest.fixture
def preview(tmp_path):
    running = Preview(write_content(tmp_path), tmp_path / "site")
    yield running
    running.stop()


def test_serves_rebuilds_shows_errors_recovers_and_stops_cleanly(preview, tmp_path):
    content, site = tmp_path / "content", tmp_path / "site"
    status, home = preview.wait_for("", lambda status, page: status == 200)
    scripts = [el.get("src") for el in home.iter("script")]
    assert any(src and src.startswith("/__preview/reload.js") for src in scripts)
    assert "__preview" not in (site / "index.html").read_text(), "the reload script must never be on disk"
    assert not list((site / "data").glob("*.zip")), "the preview leaves out the offline copy (a second render)"
    assert preview.get("__preview/reload.js")[0] == 200

    renamed = MINIMAL[NETWORK].replace("Test network", "Renamed network")
    (content / NETWORK).write_text(renamed, encoding="utf-8")
    preview.wait_for("networks/test-network/", lambda s, page: "Renamed network" in texts(page, "h1"))
    on_disk = site / "networks/test-network/index.html"
    wait_until(lambda: "Renamed network" in on_disk.read_text(), "the full build after the page renderer")

    (content / NETWORK).write_text(renamed.replace("status: removed", "status: removd"), encoding="utf-8")
    status, page = preview.wait_for("networks/test-network/", lambda s, page: texts(page, "code", "where"))
    assert status == 500
    assert texts(page, "code", "where") == ["content/networks/test-network.yaml:3:9"]
    assert "removd" in " ".join(texts(page, "li"))
    assert preview.get("")[0] == 500, "every page shows the error while the content is broken"
    assert preview.get("static/css/site.css")[0] == 200, "assets still come from the last good site"
    assert "Renamed network" in (site / "networks/test-network/index.html").read_text()

    (content / NETWORK).write_text(renamed.replace("Renamed network", "Fixed network"), encoding="utf-8")
    status, _ = preview.wait_for("networks/test-network/", lambda s, page: "Fixed network" in texts(page, "h1"))
    assert status == 200

    assert preview.stop() == 0
    assert "Traceback" not in "".join(preview.stderr)


@pytest.mark.browser
def test_open_page_reloads_by_itself_within_the_sites_csp(preview, tmp_path, page):
    """The page's own script shows the error page, and the error page's script brings the fix."""
    from playwright.sync_api import expect

    network = tmp_path / "content" / NETWORK
    preview.wait_for("networks/test-network/", lambda status, parsed: status == 200)
    page.goto(preview.url + "networks/test-network/")
    network.write_text(MINIMAL[NETWORK].replace("status: removed", "status: removd"), encoding="utf-8")
    expect(page.locator("code.where")).to_have_text("content/networks/test-network.yaml:3:9", timeout=DEADLINE * 1000)

    network.write_text(MINIMAL[NETWORK].replace("Test network", "Live network"), encoding="utf-8")
    expect(page.locator("h1")).to_contain_text("Live network", timeout=DEADLINE * 1000)
    assert page.external_requests == []
    assert not [error for error in page.console_errors if "Content Security Policy" in error]


def test_pages_rendered_on_request_are_the_pages_the_build_writes(tmp_path):
    """The preview shows a change before the full build ends; what it shows must be the same page."""
    from pipeline import build, validate
    from pipeline.history import History
    from pipeline.preview_renderer import PageRenderer
    from pipeline.register import Register

    content = write_content(tmp_path)
    site = tmp_path / "site"
    build(content, site, with_offline_copy=False)
    records, _ = validate(content)
    renderer = PageRenderer(Register.from_records(records, History.from_git(content)))
    built = sorted(str(path.relative_to(site)) for path in site.rglob("*.html") if "pagefind" not in path.parts)
    assert sorted(renderer.pages) == built
    for file in built:
        assert renderer.render(file) == (site / file).read_bytes(), file
    assert renderer.render("static/css/site.css") is None, "not a page: served from the last full build"
