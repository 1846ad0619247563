"""`build.py new`: every kind starts a file that `check` names TODO by TODO and accepts once filled."""

from __future__ import annotations

import json
import re
import typing

import pytest

import build
from conftest import MINIMAL, write_content
from pipeline.scaffold import KINDS, template
from schema import COLLECTIONS
from schemafields import key, walk

FILLED = {
    "network": {"name": "Filled network", "summary": "Fake accounts, filled in.", "status": "removed",
                "sources": "[test-report]"},
    "actor": {"name": "Filled actor", "kind": "company"},
    "election": {"name": "Filled election", "country": "KG", "kind": "local", "date": "2021-04-11",
                 "sources": "[test-report]"},
    "source": {"title": "Filled source", "publisher": "test-publisher", "url": "https://example.org/filled",
               "language": "ru", "kind": "news"},
    "tactic": {"name": "Filled tactic", "summary": "A behaviour.", "stage": "engaging",
               "how_to_spot": "Look at the profile."},
}
"""A valid value for each required field, as a curator would write it after `new`."""


class Ran(typing.NamedTuple):
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """The command line in-process (no mock: build.main itself), with its exit code and output."""
    def run(*args: str) -> Ran:
        capsys.readouterr()
        try:
            code = build.main(list(args))
        except SystemExit as exit:  # argparse usage errors
            code = exit.code
        out, err = capsys.readouterr()
        return Ran(code, out, err)
    return run


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each `field: TODO` line the way a curator does, leaving comments alone."""
    for name, value in values.items():
        text, replaced = re.subn(rf"^{name}: (TODO|\[TODO\])$", f"{name}: {value}", text, flags=re.M)
        assert replaced == 1, name
    return text


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_file_is_rejected_with_every_todo_then_accepted_once_filled(tmp_path, kind, run):
    content = write_content(tmp_path)
    created = run("new", kind, "fresh-record", "--content", str(content))
    path = content / KINDS[kind] / "fresh-record.yaml"
    assert created.returncode == 0, created.stderr
    assert f"{KINDS[kind]}/fresh-record.yaml" in created.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schema/json/{kind}.json\n")

    checked = run("check", "--content", str(content), "--format", "json")
    assert checked.returncode == 1
    todos = {p["field"]: p["line"] for p in json.loads(checked.stdout) if p["message"] == "still says TODO"}
    lines = text.splitlines()
    for name in FILLED[kind]:
        field = name + "[0]" if name == "sources" else name
        assert field in todos, f"check does not name {field}"
        assert lines[todos[field] - 1].startswith(f"{name}:"), "the line number points elsewhere"

    path.write_text(fill(text, FILLED[kind]), encoding="utf-8")
    accepted = run("check", "--content", str(content))
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_existing_slug_is_refused_and_the_file_kept(tmp_path, run):
    content = write_content(tmp_path)
    before = (content / "networks/test-network.yaml").read_text()
    refused = run("new", "network", "test-network", "--content", str(content))
    assert refused.returncode == 1
    assert "content/networks/test-network.yaml already exists" in refused.stderr
    assert (content / "networks/test-network.yaml").read_text() == before
    assert run("new", "network", "Test-Network", "--content", str(content)).returncode == 2


@pytest.mark.parametrize("slug", ["Media Center", "media--center", "media_center", "x-", "a" * 81])
def test_invalid_slug_is_a_usage_error_with_a_suggestion(tmp_path, slug, run):
    content = write_content(tmp_path)
    refused = run("new", "actor", slug, "--content", str(content))
    assert refused.returncode == 2
    assert "is not a valid slug" in refused.stderr and "try '" in refused.stderr
    assert sorted(p.name for p in (content / "actors").iterdir()) == sorted(
        ["test-company.yaml", "test-platform.yaml", "test-publisher.yaml"])


def test_unknown_kind_is_a_usage_error(tmp_path, run):
    assert run("new", "netwrk", "x", "--content", str(write_content(tmp_path))).returncode == 2


# --- templates in step with the schema ------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_template_has_required_fields_as_todo_and_optional_ones_commented(kind):
    model, text = COLLECTIONS[KINDS[kind]], template(kind)
    for name, info in model.model_fields.items():
        written = key(name, info)
        if info.is_required():
            assert re.search(rf"^{written}: (TODO|\[TODO\])$", text, re.M), f"required {written} is not a TODO line"
        else:
            assert re.search(rf"^# {written}:", text, re.M), f"optional {written} is not offered as a comment"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_template_shows_every_field_of_nested_blocks(kind):
    model, text = COLLECTIONS[KINDS[kind]], template(kind)
    for owner, name, info in walk(model, skip=("imported",)):  # imported: the importer writes it
        if owner is not model:
            assert re.search(rf"[\s{{]{key(name, info)}:", text), f"{owner.__name__}.{name} is not shown"


def test_check_json_gives_each_problem_with_position_field_message_hint_and_severity(tmp_path, run):
    no_body = MINIMAL["networks/test-network.yaml"].replace("body: A story.\n", "")  # a warning
    content = write_content(tmp_path, {"networks/test-network.yaml": no_body})
    run("new", "source", "half-done", "--content", str(content))
    checked = run("check", "--content", str(content), "--format", "json")
    problems = json.loads(checked.stdout)
    assert checked.returncode == 1 and checked.stderr == ""
    assert {problem["severity"] for problem in problems} == {"error", "warning"}
    for problem in problems:
        assert set(problem) == {"path", "line", "column", "field", "message", "hint", "severity"}
        assert problem["path"].startswith("content/") and problem["line"] >= 1 and problem["column"] >= 1
        assert problem["message"] and isinstance(problem["hint"], str)
    assert {"path": "content/sources/half-done.yaml", "line": 8, "column": 12, "field": "publisher",
            "message": "still says TODO", "severity": "error"}.items() <= next(
        p for p in problems if p["field"] == "publisher" and p["message"] == "still says TODO").items()
