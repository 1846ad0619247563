"""The offline copy's zip: zipfile's own bytes, whether deflated now, in threads, or kept from the last build."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline.reproduciblezip import COMPRESS_LEVEL, FILES_PER_BATCH, DeflateCache, entry_time, zip_bytes


def writestr_zip(folder: str, outputs: dict[str, Path]) -> bytes:
    """The zip as zipfile writes it through its public API: what zip_bytes must equal."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(outputs):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=entry_time())
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, outputs[name].read_bytes(), compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


def make_files(root: Path, count: int) -> dict[str, Path]:
    """Pages of different sizes (an empty one, one larger than a read buffer), in several folders."""
    outputs = {}
    for index in range(count):
        name = f"section-{index % 7}/page-{index:04d}/index.html"
        text = f"<p>Page {index}: " + "register of networks " * (index % 50) + "</p>\n"
        outputs[name] = _write(root / name, text.encode() if index else b"")
    outputs["data/register.json"] = _write(root / "data/register.json", b'{"networks": [' + b'"x", ' * 40000 + b"]}")
    return outputs


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("count", [0, 3, FILES_PER_BATCH * 2 + 5])
def test_the_zip_is_what_zipfile_writes(tmp_path, count):
    outputs = make_files(tmp_path / "site", count)
    made = zip_bytes("copy", outputs)
    assert made == writestr_zip("copy", outputs)
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [f"copy/{name}" for name in sorted(outputs)]
        assert archive.read("copy/data/register.json") == outputs["data/register.json"].read_bytes()


def test_source_date_epoch_sets_every_entry_time(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    outputs = make_files(tmp_path / "site", 3)
    with zipfile.ZipFile(io.BytesIO(zip_bytes("copy", outputs))) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_a_rebuild_deflates_only_what_changed_and_zips_the_same_bytes(tmp_path):
    outputs = make_files(tmp_path / "site", 40)
    cache_file = tmp_path / "deflated.marshal"
    first = DeflateCache(cache_file)
    zip_bytes("copy", outputs, first)
    first.save()
    assert len(first.entries) == len({path.read_bytes() for path in outputs.values()})

    outputs["section-1/page-0001/index.html"].write_bytes(b"<p>Edited.</p>\n")
    second = DeflateCache(cache_file)
    known = set(second.entries)
    made = zip_bytes("copy", outputs, second)
    assert made == writestr_zip("copy", outputs)
    assert len(set(second.entries) - known) == 1, "only the edited page is deflated again"
    second.save()
    kept = DeflateCache(cache_file).entries
    assert len(kept) == len({path.read_bytes() for path in outputs.values()}), "the replaced page's bytes are dropped"


def test_a_damaged_cache_is_ignored(tmp_path):
    outputs = make_files(tmp_path / "site", 5)
    cache_file = tmp_path / "deflated.marshal"
    cache_file.write_bytes(b"\x00 not a cache")
    assert zip_bytes("copy", outputs, DeflateCache(cache_file)) == writestr_zip("copy", outputs)


def test_a_file_too_large_for_a_plain_entry_gets_zipfiles_zip64_entry(tmp_path, monkeypatch):
    """Above 4 GB an entry needs zip64, which only zipfile's own writer makes: such a file goes
    through it (shown here with the limit lowered, so the register's download is 'too large')."""
    outputs = make_files(tmp_path / "site", 3)
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 100_000)
    made = zip_bytes("copy", outputs)
    assert made == writestr_zip("copy", outputs)
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.read("copy/data/register.json") == outputs["data/register.json"].read_bytes()
