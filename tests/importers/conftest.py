"""Fixtures: Meta's data and a small register, written into tmp_path for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importers.samples import CONTENT, INPUTS, blob_sha, write_tree


@pytest.fixture
def meta_copy(tmp_path: Path) -> Path:
    """A copy of Meta's data in the local layout: renamed files plus MANIFEST.csv."""
    manifest = "local_file,source_path,source_blob_sha\n" + "".join(
        f'{local},"{upstream}",{blob_sha(text)}\n' for local, (upstream, text) in INPUTS.items()
    )
    files = {local: text for local, (_upstream, text) in INPUTS.items()}
    return write_tree(tmp_path / "meta", {**files, "MANIFEST.csv": manifest})


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A register holding only the platforms and publisher the import relies on."""
    return write_tree(tmp_path / "content", CONTENT)
