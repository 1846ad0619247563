"""The permalink guard: a published path never disappears without a redirect or a decision."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import CONTENT, MINIMAL, ROOT, write_content
from pipeline import BuildFailed, build, validate
from pipeline.history import History
from pipeline.permalinks import check_permalinks, read_manifest, write_manifest
from pipeline.register import Register
from pipeline.render import render_site
from pipeline.urls import Urls

ELECTION = "elections/test-election.yaml"
NETWORK = "networks/test-network.yaml"
WITHOUT_ELECTION = {ELECTION: None, NETWORK: MINIMAL[NETWORK].replace("elections: [test-election]\n", "")}


def rendered(content) -> dict[str, bytes]:
    """What a build of `content` would publish (rendered in memory: fast, writes nothing)."""
    records, _problems = validate(content)
    register = Register.from_records(records, History.empty())
    return render_site(register, Urls(register.site.base_url, tuple(register.site.languages)))


@pytest.fixture
def published(tmp_path):
    """A small register whose manifest is committed, and a previous site on disk."""
    content = write_content(tmp_path)
    write_manifest(content, rendered(content))
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("the previous site")
    return tmp_path, content


def test_update_permalinks_records_pages_and_record_json(published):
    _tmp, content = published
    paths = read_manifest(content)
    assert {"/", "/ru/", "/networks/test-network/", "/ru/networks/test-network/", "/networks/test-network.json",
            "/data/", "/corrections/"} <= set(paths)
    assert paths == sorted(paths) and "/404.html" not in paths


def test_removing_a_published_record_without_alias_fails_before_writing(published):
    tmp_path, content = published
    (content / ELECTION).unlink()
    (content / NETWORK).write_text(WITHOUT_ELECTION[NETWORK], encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(content, tmp_path / "site")
    messages = [error.format() for error in failed.value.errors]
    assert ("content/permalinks.txt: error: '/elections/test-election/' was published, but this build no longer "
            "has it — add 'test-election' to aliases: of the record that replaced it, or run build.py build "
            "--update-permalinks if the removal is intended") in messages
    assert any("'/elections/test-election.json'" in m for m in messages)
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]
    assert (tmp_path / "site" / "index.html").read_text() == "the previous site"


def test_a_renamed_record_with_its_old_slug_as_alias_builds(published):
    tmp_path, content = published
    (content / ELECTION).unlink()
    (content / "elections" / "test-vote.yaml").write_text(MINIMAL[ELECTION] + "aliases: [test-election]\n")
    (content / NETWORK).write_text(MINIMAL[NETWORK].replace("[test-election]", "[test-vote]"))
    outputs = rendered(content)
    assert check_permalinks(content, outputs) == []
    assert outputs["elections/test-election.json"] == outputs["elections/test-vote.json"]
    assert b'http-equiv="refresh"' in outputs["ru/elections/test-election/index.html"]


def test_new_records_never_fail_a_build(published):
    _tmp, content = published
    (content / "actors" / "new-actor.yaml").write_text("name: New Actor\nkind: person\n")
    assert check_permalinks(content, rendered(content)) == []
    assert "/actors/new-actor/" not in read_manifest(content)


def test_update_permalinks_on_the_command_line_accepts_an_intended_removal(published):
    tmp_path, content = published
    (content / ELECTION).unlink()
    (content / NETWORK).write_text(WITHOUT_ELECTION[NETWORK], encoding="utf-8")
    command = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--out", str(tmp_path / "site")]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "--update-permalinks" in refused.stderr
    accepted = subprocess.run(command + ["--update-permalinks"], capture_output=True, text=True, timeout=120)
    assert accepted.returncode == 0, accepted.stderr
    assert "/elections/test-election/" not in read_manifest(content)
    assert "/networks/test-network/" in read_manifest(content)


def test_the_committed_manifest_is_published_by_the_real_site(built_site):
    paths = read_manifest(CONTENT)
    assert "/networks/kg-media-center-2020/" in paths
    for path in paths:
        target = built_site / path.lstrip("/")
        assert (target / "index.html" if path.endswith("/") else target).is_file(), path


def test_a_new_version_renames_the_offline_copy_without_tripping_the_guard(tmp_path):
    """data/takedown-register-<version>.zip is a download, not a permalink: /data/ is the address to cite."""
    content = write_content(tmp_path, {"site.yaml": MINIMAL["site.yaml"] + "version: '1.0'\n"})
    build(content, tmp_path / "site", update_permalinks=True)
    assert (tmp_path / "site" / "data" / "takedown-register-1.0.zip").is_file()
    assert "/data/" in read_manifest(content) and not [p for p in read_manifest(content) if ".zip" in p]
    (content / "site.yaml").write_text(MINIMAL["site.yaml"] + "version: '1.1'\n", encoding="utf-8")
    build(content, tmp_path / "site")
    assert [p.name for p in (tmp_path / "site" / "data").glob("*.zip")] == ["takedown-register-1.1.zip"]
