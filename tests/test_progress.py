"""`build.py build` on a terminal-less run: one line per stage, then what was built; --quiet: nothing."""

from __future__ import annotations

import re

import build
from conftest import write_content


def test_build_reports_stages_then_counts_and_where_to_look(tmp_path, capsys):
    content = write_content(tmp_path)
    assert build.main(["build", "--content", str(content), "--out", str(tmp_path / "site")]) == 0
    out, err = capsys.readouterr()
    stages = [re.sub(r"^ *\d+\.\d s  ", "", line) for line in err.splitlines()]
    assert stages == ["reading and checking content", "linking records", "making the offline copy", "rendering pages",
                      "writing the site"]
    lines = out.splitlines()
    assert lines[0].startswith("built ") and " pages, " in lines[0] and " downloads " in lines[0]
    assert lines[1] == "records: 1 network, 3 actors, 1 election, 1 source, 1 tactic, 0 free pages"
    assert lines[2] == "0 warnings"
    assert lines[3] == f"open {(tmp_path / 'site' / 'index.html').resolve()}"

    assert build.main(["build", "--quiet", "--content", str(content), "--out", str(tmp_path / "site")]) == 0
    assert capsys.readouterr() == ("", "")
