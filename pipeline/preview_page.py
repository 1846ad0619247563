"""What only the preview server (`build.py serve`) sends: the reload script and the error page.

Neither is ever part of the built site. Both keep to the site's CSP: the script is a
same-origin file, not inline, and it only talks to the preview server itself.
"""

from __future__ import annotations

from html import escape

from pipeline.errors import ContentError

RELOAD_JS = """\
// Preview only (build.py serve): reload this page when a new build has finished.
(function () {
  "use strict";
  var script = document.currentScript;
  var seen = new URL(script.src).searchParams.get("generation");
  function poll() {
    fetch("/__preview/state", {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (String(state.generation) !== seen) { location.reload(); return; }
        setTimeout(poll, 700);
      })
      .catch(function () { setTimeout(poll, 2000); });  // server restarting or stopped
  }
  setTimeout(poll, 700);
})();
"""

_STYLE = """\
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
.banner{background:#8b0000;color:#fff;padding:1rem 1.5rem;margin:0}
main{padding:1rem 1.5rem;max-width:60rem}
li{margin:.6rem 0}code,pre{font:14px/1.4 ui-monospace,monospace}
.where{font-weight:bold}.hint{color:#444}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}
"""


def error_page(problems: list[ContentError], crash: str, script_tag: bytes) -> bytes:
    """Every problem of the failed build, as the terminal shows them, on one page."""
    items = "".join(_item(problem) for problem in problems)
    details = f"<ul>{items}</ul>" if items else ""
    if crash:
        details += f"<p>The build stopped with this error:</p><pre>{escape(crash)}</pre>"
    count = len([problem for problem in problems if not problem.is_warning])
    heading = f"{count} problem{'' if count == 1 else 's'} to fix" if count else "The build failed"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'\">"
        f"<title>Preview: {heading}</title><style>{_STYLE}</style>"
        + script_tag.decode()
        + "</head><body>"
        '<p class="banner" role="alert"><strong>The preview is not up to date:</strong> the last '
        "build failed. Fix the problems below and save; this page reloads by itself. Until then "
        "every page shows this list (styles, images and data still come from the last good build).</p>"
        f"<main><h1>{heading}</h1>{details}</main></body></html>\n"
    ).encode("utf-8")


def _item(problem: ContentError) -> str:
    """`path:line:col` first, so the curator sees where before what (the terminal's order)."""
    where = f"{problem.path}:{problem.line}:{problem.col}" if problem.line else problem.path
    field = f"<code>{escape(problem.field)}</code>: " if problem.field else ""
    hint = f'<br><span class="hint">{escape(problem.hint)}</span>' if problem.hint else ""
    return (f'<li><code class="where">{escape(where)}</code> {escape(problem.severity)}: '
            f"{field}{escape(problem.message)}{hint}</li>")
