"""The command line: exit codes (0 valid, 1 content errors, 2 usage) and message format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, ROOT, write_content


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_check_of_valid_content_exits_0(tmp_path):
    result = run("check", "--content", str(write_content(tmp_path)), "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no errors, no warnings" in result.stdout


def test_check_reports_errors_sorted_with_a_count_and_exits_1(tmp_path):
    content = write_content(tmp_path, {
        "networks/test-network.yaml": MINIMAL["networks/test-network.yaml"].replace("status: removed", "status: gone"),
        "actors/empty.yaml": "",
    })
    result = run("check", "--content", str(content))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("content/actors/empty.yaml:1:1: error: file is empty")
    assert lines[1].startswith("content/networks/test-network.yaml:3:9: error: status: expected 'removed'")
    assert lines[-1] == "2 errors in 2 files"
    assert "Traceback" not in result.stderr


def test_warnings_fail_only_with_strict(tmp_path):
    content = write_content(tmp_path, {"actors/nobody.yaml": "name: Nobody\nkind: person\n"})
    relaxed, strict = run("check", "--content", str(content)), run("check", "--content", str(content), "--strict")
    assert relaxed.returncode == 0 and "warning: nothing refers to this actor" in relaxed.stdout
    assert strict.returncode == 1 and "1 warning in 1 file" in strict.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run("check", "--no-such-option").returncode == 2
    missing = run("check", "--content", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "no such folder" in missing.stderr


def test_check_json_format_lists_every_field(tmp_path):
    content = write_content(tmp_path, {"actors/empty.yaml": ""})
    result = run("check", "--content", str(content), "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert problems[0] == {"path": "content/actors/empty.yaml", "line": 1, "column": 1, "field": "",
                           "message": "file is empty", "hint": "write the record's fields, or delete the file",
                           "severity": "error"}


def test_real_content_passes_strict_check():
    result = run("check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
