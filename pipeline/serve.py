"""`build.py serve`: build, serve the site on 127.0.0.1, rebuild on every change, reload open pages.

How it behaves, and why:
- A `python -m pipeline.preview_renderer` process holds the checked content and renders
  each page the browser asks for (milliseconds per page). After a save to the content it
  reads the content again (about a second for a thousand networks, unchanged files from
  the parse cache), so the change shows at once. The full build follows in the background
  for what only it makes (search index, downloads, static files); a newer save cancels
  it. Pages come from the renderer; everything else from the last full build.
- After a change to templates, schema, translations or pipeline code, the renderer is a
  fresh process, and every full build is: in-process, imported modules and cached
  catalogs would stay stale.
- A failed build writes nothing: the last good site stays on disk (publish swaps atomically).
  While the content is broken, every HTML request gets the error page, which lists the same
  `file:line` messages as the terminal; CSS, images and JSON still come from the last good site.
- The preview leaves out the offline copy (the classroom zip on /data/): it would render
  the whole site a second time on every save. `build.py build` and `build.py bundle` make it.
- Only this server adds `<script src="/__preview/reload.js">` to HTML, as it serves it; the
  built files never contain it. The script polls `/__preview/state` and reloads the page
  when a build finishes; both are same-origin, as the pages' CSP (`script-src 'self'`) asks.
"""

from __future__ import annotations

import functools
import http.server
import json
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline import preview_page, report
from pipeline.errors import ContentError, display_path

ROOT = Path(__file__).resolve().parents[1]
WATCHED = ("templates", "schema", "locales", "pipeline")
"""Besides the content folder: what a rebuild depends on (relative to the repository)."""

RELOAD_SCRIPT = "/__preview/reload.js"
STATE = "/__preview/state"


@dataclass
class Preview:
    """What the server shows: a build counter, and the problems of the last build if it failed."""

    content_dir: Path
    site_dir: Path
    generation: int = 0
    problems: list[ContentError] = field(default_factory=list)
    crash: str = ""
    renderer: "Renderer | None" = None
    full_build: "FullBuild | None" = None

    @property
    def is_broken(self) -> bool:
        return bool(self.problems or self.crash)


def run(content_dir: Path, site_dir: Path, port: int = 8000) -> int:
    """Build, serve and rebuild on change until Ctrl-C; return the exit code (0)."""
    from watchfiles import DefaultFilter, watch

    preview = Preview(Path(content_dir).resolve(), Path(site_dir).resolve())
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even when started in the background
    signal.signal(signal.SIGTERM, _interrupt)                  # `kill` stops as cleanly as Ctrl-C
    try:
        rebuild(preview, "first build")
        if preview.full_build:
            preview.full_build.wait()  # the first time, the site on disk must exist before serving
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(PreviewHandler, preview))
    except KeyboardInterrupt:
        _stop_workers(preview)
        return 0
    except OSError as exc:
        print(f"cannot serve on 127.0.0.1:{port}: {exc.strerror} (try --port 0 for any free port)", file=sys.stderr)
        return 2
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving http://127.0.0.1:{server.server_address[1]}/ — save a file to rebuild; Ctrl-C stops",
          flush=True)
    folders = [preview.content_dir] + [ROOT / name for name in WATCHED if (ROOT / name).is_dir()]
    ignored = DefaultFilter()
    try:
        for changes in watch(*folders, watch_filter=lambda change, path: ignored(change, path)
                             and not path.startswith(str(preview.site_dir))):
            content_only = all(Path(path).is_relative_to(preview.content_dir) for _change, path in changes)
            rebuild(preview, _describe(changes, preview.content_dir), content_only)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        _stop_workers(preview)
    print("stopped", flush=True)
    return 0


def rebuild(preview: Preview, reason: str, content_only: bool = False) -> None:
    """Show the change at once (the page renderer), then build the whole site behind it.

    After a change to content alone, the running renderer reads the content again;
    after any other change (code, templates, schema, translations) a fresh one starts.
    """
    print(f"{reason}: building…", flush=True)
    _cancel_full_build(preview)
    if preview.renderer and content_only:
        renderer, outcome = preview.renderer.reload()
    else:
        _stop_workers(preview)
        renderer, outcome = Renderer.start(preview.content_dir)
    preview.renderer = renderer
    _report(preview, outcome)
    if renderer is None:
        preview.generation += 1  # open pages reload and show the errors
        return
    print(f"pages ready ({outcome['ready']}); open pages reload now, the full site follows", flush=True)
    preview.generation += 1
    preview.full_build = FullBuild.start(preview)


def _report(preview: Preview, outcome: dict) -> None:
    """Take in a renderer's or a build's outcome: its errors, its crash, its summary lines."""
    preview.problems = [ContentError.from_dict(item) for item in outcome.get("errors", [])]
    preview.crash = outcome.get("crash", "")
    if preview.crash:
        print(preview.crash, file=sys.stderr, flush=True)
    for problem in preview.problems:
        print(problem.format(), file=sys.stderr, flush=True)
    for line in outcome.get("lines", []):
        print(line, flush=True)
    if preview.is_broken:
        print(f"{_failure(preview)}; the browser shows it until it is fixed (the last good site stays on disk)",
              file=sys.stderr, flush=True)


def _cancel_full_build(preview: Preview) -> None:
    """A newer save makes the running full build out of date."""
    if preview.full_build:
        preview.full_build.cancel()
        preview.full_build = None


def _stop_workers(preview: Preview) -> None:
    """The full build and the page renderer both stop (a change to code, or Ctrl-C)."""
    _cancel_full_build(preview)
    if preview.renderer:
        preview.renderer.stop()
        preview.renderer = None


class Renderer:
    """A `pipeline.preview_renderer` process: one content version, pages on request."""

    def __init__(self, child: subprocess.Popen):
        self.child = child
        self.lock = threading.Lock()

    @classmethod
    def start(cls, content_dir: Path) -> tuple["Renderer | None", dict]:
        """(renderer, {"ready": n}) when the content is good; (None, errors or crash) when not."""
        child = subprocess.Popen([sys.executable, "-m", "pipeline.preview_renderer", str(content_dir)], cwd=ROOT,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, start_new_session=True)  # its own session: Ctrl-C reaches only us
        try:
            first = json.loads(child.stdout.readline() or "null")
        except ValueError:
            first = None
        except BaseException:
            child.kill()
            raise
        return cls(child)._answer(first)

    def reload(self) -> tuple["Renderer | None", dict]:
        """Read the content again (after a change to content only); as `start` answers."""
        with self.lock:
            try:
                self.child.stdin.write(json.dumps({"reload": True}) + "\n")
                self.child.stdin.flush()
                answer = json.loads(self.child.stdout.readline() or "null")
            except (OSError, ValueError):
                answer = None
        return self._answer(answer)

    def _answer(self, answer) -> tuple["Renderer | None", dict]:
        """(self, {"ready": n}) when it is ready; else it is stopped and (None, errors or crash)."""
        if isinstance(answer, dict) and "ready" in answer:
            return self, answer
        self.child.kill()
        _out, err = self.child.communicate()
        if isinstance(answer, dict) and "errors" in answer:
            return None, answer
        return None, {"crash": err.strip() or f"the page renderer stopped with exit code {self.child.returncode}"}

    def render(self, file: str) -> bytes | None:
        """The page at `file`, or None if it is not a page (or the renderer has stopped)."""
        with self.lock:
            try:
                self.child.stdin.write(json.dumps({"file": file}) + "\n")
                self.child.stdin.flush()
                html = json.loads(self.child.stdout.readline())["html"]
            except (OSError, ValueError, KeyError, TypeError):
                return None
        return html.encode("utf-8") if html is not None else None

    def stop(self) -> None:
        with self.lock:
            self.child.kill()
            self.child.wait()


class FullBuild:
    """The whole site built in a subprocess, in the background; cancelled by a newer save."""

    def __init__(self, preview: Preview, child: subprocess.Popen):
        self.preview, self.child, self.cancelled = preview, child, False
        self.thread = threading.Thread(target=self._finish, daemon=True)

    @classmethod
    def start(cls, preview: Preview) -> "FullBuild":
        command = [sys.executable, "-m", "pipeline.serve", str(preview.content_dir), str(preview.site_dir)]
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, start_new_session=True)  # its own session: Ctrl-C reaches only us
        build = cls(preview, child)
        build.thread.start()
        return build

    def _finish(self) -> None:
        out, err = self.child.communicate()
        if self.cancelled:
            return
        try:
            outcome = json.loads(out)
        except ValueError:
            outcome = {"crash": err.strip() or f"the build stopped with exit code {self.child.returncode}"}
        broken_before = self.preview.is_broken
        _report(self.preview, outcome)
        if self.preview.is_broken != broken_before:
            self.preview.generation += 1  # e.g. the permalink guard, which only the full build runs

    def wait(self) -> None:
        self.thread.join()

    def cancel(self) -> None:
        self.cancelled = True
        if self.child.poll() is None:
            self.child.kill()  # publish swaps atomically: a killed build leaves the last good site
        self.thread.join()


def _failure(preview: Preview) -> str:
    """'2 errors in 1 file', as `check` counts them, or that the build crashed."""
    if not preview.problems:
        return "the build crashed"
    errors = [problem for problem in preview.problems if not problem.is_warning]
    return report.summary_line(errors, [problem for problem in preview.problems if problem.is_warning])


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _describe(changes: set, content_dir: Path) -> str:
    """The changed files as the curator knows them (an editor's vanished temporary files left out)."""
    existing = {Path(path) for _change, path in changes if Path(path).exists()} or {Path(p) for _c, p in changes}
    paths = sorted(display_path(path, content_dir) if path.is_relative_to(content_dir)
                   else display_path(path, ROOT / "content") for path in existing)
    return "changed " + ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """The built site, plus the reload script, the build counter, and the error page."""

    def __init__(self, preview: Preview, *args, **kwargs):
        self.preview = preview
        super().__init__(*args, directory=str(preview.site_dir), **kwargs)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == RELOAD_SCRIPT:
            return self._send(200, preview_page.RELOAD_JS.encode(), "text/javascript; charset=utf-8")
        if path == STATE:
            return self._send(200, json.dumps({"generation": self.preview.generation}).encode(), "application/json")
        if self.preview.is_broken and _wants_html(path):
            page = preview_page.error_page(self.preview.problems, self.preview.crash, self._script_tag())
            return self._send(500, page, "text/html; charset=utf-8")
        renderer = self.preview.renderer
        html = renderer.render(_page_file(path)) if renderer and _wants_html(path) else None
        if html is not None:
            return self._send(200, self._with_reload(html), "text/html; charset=utf-8")
        file = Path(self.translate_path(self.path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            return self._send(200, self._with_reload(file.read_bytes()), "text/html; charset=utf-8")
        if not file.exists() and _wants_html(path) and (self.preview.site_dir / "404.html").is_file():
            return self._send(404, self._with_reload((self.preview.site_dir / "404.html").read_bytes()),
                              "text/html; charset=utf-8")
        return super().do_GET() if self.command == "GET" else super().do_HEAD()

    do_HEAD = do_GET

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a preview is always fresh
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404, "no index.html here")
        return None

    def log_message(self, *args) -> None:
        pass  # the terminal is for build results, not request logs

    def _script_tag(self) -> bytes:
        return f'<script src="{RELOAD_SCRIPT}?generation={self.preview.generation}" defer></script>'.encode()

    def _with_reload(self, html: bytes) -> bytes:
        """The page with the reload script before </head> (added here, never on disk)."""
        at = html.lower().find(b"</head>")
        at = at if at >= 0 else len(html)
        return html[:at] + self._script_tag() + html[at:]

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _page_file(path: str) -> str:
    """The file a page address is written to: '/networks/x/' -> 'networks/x/index.html'."""
    relative = unquote(path).lstrip("/")
    return relative + "index.html" if relative.endswith("/") or not relative else relative


def _wants_html(path: str) -> bool:
    """Page addresses: folders (`networks/x/`) and .html files; not CSS, JSON or images."""
    return path.endswith("/") or path.endswith(".html") or "." not in path.rsplit("/", 1)[-1]


def _child(content_dir: Path, site_dir: Path) -> dict:
    """One build, as the subprocess runs it; the outcome as JSON-ready data."""
    from pipeline import BuildFailed, build, report

    try:
        result = build(content_dir, site_dir, with_offline_copy=False)  # a preview: half the wait, no zip
    except BuildFailed as failed:
        return {"errors": [problem.as_dict() for problem in failed.errors]}
    return {"lines": [warning.format() for warning in result.warnings] + report.built_lines(result)}


if __name__ == "__main__":
    json.dump(_child(Path(sys.argv[1]), Path(sys.argv[2])), sys.stdout, ensure_ascii=False)
