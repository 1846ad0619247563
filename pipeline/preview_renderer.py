"""The preview's page renderer: the content read once, then any page rendered when asked for.

After a save, `build.py serve` starts one of these in a fresh process (so edited templates
and code count too). Reading, checking and planning take about a second for a thousand
networks; from then on a page costs milliseconds, so the browser can show the change at
once instead of after a full build. The full build still follows, for what only it makes
(the search index, the downloads, static files); until it is done, pages come from here.

Protocol, one JSON object per line:
- first, on stdout: {"ready": <pages>}, or {"errors": [...]} when the content is broken
  (and the process ends);
- then, per line on stdin {"file": "networks/x/index.html"}, one line on stdout:
  {"html": "<the page>"} or {"html": null} for a path that is not a page (the caller
  serves it from the last full build);
- {"reload": true} on stdin, after a change to the content only: the content is read
  again (unchanged files from the parse cache) and the answer is as for the first line.
  Python's start and imports, most of a fresh renderer's second, are not paid again;
  a change to code or templates still gets a fresh process.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline import validate
from pipeline.history import History
from pipeline.register import Register
from pipeline.render import plan, render_page
from pipeline.render.environment import make_environment
from pipeline.urls import Urls


class PageRenderer:
    """Every page of one content version, rendered on request (templates compile on first use)."""

    def __init__(self, register: Register, base_url: str | None = None, env=None):
        self.register = register
        self.urls = Urls(base_url or register.site.base_url, tuple(register.site.languages))
        self.pages = {self.urls.file_for(page.path): page for page in plan(register, self.urls)}
        self.env = env or make_environment()  # kept across reloads: the templates did not change

    def render(self, file: str) -> bytes | None:
        """The page written at `file` (site-relative, e.g. 'networks/x/index.html'), or None."""
        page = self.pages.get(file)
        return None if page is None else render_page(self.env, self.register, self.urls, page)


def main(content_dir: Path) -> int:
    renderer = _read(content_dir)
    for line in sys.stdin if renderer else ():
        request = json.loads(line)
        if request.get("reload"):
            renderer = _read(content_dir, renderer.env)
            if renderer is None:
                break
            continue
        html = renderer.render(request["file"])
        _say({"html": html.decode("utf-8") if html is not None else None})
    return 0


def _read(content_dir: Path, env=None) -> PageRenderer | None:
    """The content as a renderer, saying "ready"; or its errors said, and None."""
    records, problems = validate(content_dir)
    if any(not problem.is_warning for problem in problems):
        _say({"errors": [problem.as_dict() for problem in problems]})
        return None
    renderer = PageRenderer(Register.from_records(records, History.from_git(content_dir)), env=env)
    _say({"ready": len(renderer.pages)})
    return renderer


def _say(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
