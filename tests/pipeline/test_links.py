"""`build.py check --links` on a local server: which sources answer, which lack an archive (no network)."""

from __future__ import annotations

import io

from conftest import MINIMAL, serve, write_content
from pipeline import validate
from pipeline.links import report


def test_link_report_names_dead_sources_and_sources_without_archive(tmp_path):
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "report.html").write_text("a report")
    server, url = serve(tmp_path / "web")
    try:
        alive = MINIMAL["sources/test-report.yaml"].replace("https://example.org/report", f"{url}report.html")
        dead = alive.replace("report.html", "gone.html") + f"archive_url: {url}report.html\n"
        content = write_content(tmp_path, {"sources/test-report.yaml": alive, "sources/test-gone.yaml": dead})
        records, _problems = validate(content)
        out = io.StringIO()
        code = report(records, timeout=5, out=out)
    finally:
        server.shutdown()
    lines = out.getvalue().splitlines()
    assert code == 1
    assert any(line.startswith("content/sources/test-gone.yaml: HTTP 404") for line in lines)
    assert "content/sources/test-report.yaml: no archive_url (add a Wayback Machine copy)" in lines
    assert not any("test-report.yaml: HTTP" in line for line in lines)
    assert lines[-1] == "3 links checked, 1 not answering; 1 of 2 sources without archive_url"
