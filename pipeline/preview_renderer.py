"""The preview's page renderer: the content read once, then any page rendered when asked for.

After a save, `build.py serve` starts one of these in a fresh process (so edited templates
and code count too). Reading, checking and planning take about a second for a thousand
networks; from then on a page costs milliseconds, so the browser can show the change at
once instead of after a full build. The full build still follows, for what only it makes
(the search index, the downloads, static files); until it is done, pages come from here.

Protocol, one JSON object per line:
- first, on stdout: {"ready": <pages>}, or {"errors": [...]} when the content is broken;
- then, per line on stdin {"file": "networks/x/index.html"}, one line on stdout:
  {"html": "<the page>"} or {"html": null} for a path that is not a page (the caller
  serves it from the last full build).
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

    def __init__(self, register: Register, base_url: str | None = None):
        self.register = register
        self.urls = Urls(base_url or register.site.base_url, tuple(register.site.languages))
        self.pages = {self.urls.file_for(page.path): page for page in plan(register, self.urls)}
        self.env = make_environment()

    def render(self, file: str) -> bytes | None:
        """The page written at `file` (site-relative, e.g. 'networks/x/index.html'), or None."""
        page = self.pages.get(file)
        return None if page is None else render_page(self.env, self.register, self.urls, page)


def main(content_dir: Path) -> int:
    records, problems = validate(content_dir)
    if any(not problem.is_warning for problem in problems):
        _say({"errors": [problem.as_dict() for problem in problems]})
        return 0
    renderer = PageRenderer(Register.from_records(records, History.from_git(content_dir)))
    _say({"ready": len(renderer.pages)})
    for line in sys.stdin:
        html = renderer.render(json.loads(line)["file"])
        _say({"html": html.decode("utf-8") if html is not None else None})
    return 0


def _say(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
