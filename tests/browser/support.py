"""Helpers for browser tests: the built site served under /register/ with its 404 page, guarded contexts."""

from __future__ import annotations

import functools
import http.server
import re
import socketserver
import threading
from pathlib import Path

PREFIX = "/register"
"""The path the site is published under (its default base_url is https://example.org/register/)."""

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
"""WCAG 2.2 A and AA, target size and contrast included."""


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX, and 404.html (status 404) for any missing path, as a host would."""

    def log_message(self, *args) -> None:  # keep pytest output readable
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX + "/"):
            return str(Path(self.directory) / ".outside-the-prefix")
        return super().translate_path(path[len(PREFIX):])

    def send_error(self, code, message=None, explain=None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve_under_prefix(site: Path) -> tuple[socketserver.TCPServer, str]:
    """Serve `site` at http://127.0.0.1:<port>/register/ with a real 404; returns (server, base URL)."""
    handler = functools.partial(SubPathHandler, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}/"


OFF_SITE = re.compile(r"^(?!http://127\.0\.0\.1[:/]|data:|blob:)")
"""Every address but this machine's test servers (and inline data)."""


def guarded_context(browser, **options):
    """A context whose requests off 127.0.0.1 are aborted and listed in `context.external_requests`."""
    context = browser.new_context(**options)
    context.external_requests = []

    def abort(route):
        context.external_requests.append(route.request.url)
        route.abort()

    # A pattern, not a Python function: Playwright then matches in its driver, and local
    # requests never wait on this process (a function is asked about every request, which
    # made page loads take a third of the accessibility run). Local requests also keep the
    # browser cache (plotly.js is then compiled once per run, not once per chart page).
    context.route(OFF_SITE, abort)
    return context


def url_of(base: str, site: Path, page: Path) -> str:
    """The clean URL of a built page: 'networks/x/index.html' -> base + 'networks/x/'."""
    relative = page.relative_to(site).as_posix()
    return base + relative.removesuffix("index.html")
