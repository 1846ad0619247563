"""The offline copy's zip: zipfile's own bytes, whether deflated now, in threads, or kept from the last build."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from pipeline.deflatecache import DeflateCache
from pipeline.reproduciblezip import COMPRESS_LEVEL, FILES_PER_BATCH, entry_time, write_zip, zip_bytes


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


def test_the_zip_written_to_a_file_has_the_same_bytes(tmp_path):
    """A build writes the zip to disk as it is made (180 MB at 10,000 networks, never in memory)."""
    outputs = make_files(tmp_path / "site", FILES_PER_BATCH + 3)
    write_zip(tmp_path / "copy.zip", "copy", outputs)
    assert (tmp_path / "copy.zip").read_bytes() == writestr_zip("copy", outputs)


def test_source_date_epoch_sets_every_entry_time(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    outputs = make_files(tmp_path / "site", 3)
    with zipfile.ZipFile(io.BytesIO(zip_bytes("copy", outputs))) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_a_rebuild_deflates_only_what_changed_and_zips_the_same_bytes(tmp_path):
    outputs = make_files(tmp_path / "site", 40)
    distinct = len({path.read_bytes() for path in outputs.values()})
    cache_file = tmp_path / "deflated.bin"
    first = DeflateCache(cache_file)
    zip_bytes("copy", outputs, first)
    first.save()
    assert first.added == distinct and len(DeflateCache(cache_file)) == distinct

    outputs["section-1/page-0001/index.html"].write_bytes(b"<p>Edited.</p>\n")
    second = DeflateCache(cache_file)
    assert zip_bytes("copy", outputs, second) == writestr_zip("copy", outputs)
    assert second.added == 1, "only the edited page is deflated again"
    second.save()
    third = DeflateCache(cache_file)
    assert len(third) == distinct, "the replaced page's bytes are dropped, the new ones kept"
    assert zip_bytes("copy", outputs, third) == writestr_zip("copy", outputs) and third.added == 0


@pytest.mark.parametrize("damage", [b"\x00 not a cache", b"", "truncated", "index past the end"])
def test_a_damaged_cache_is_ignored(tmp_path, damage):
    outputs = make_files(tmp_path / "site", 5)
    cache_file = tmp_path / "deflated.bin"
    cache = DeflateCache(cache_file)
    zip_bytes("copy", outputs, cache)
    cache.save()
    stored = cache_file.read_bytes()
    if damage == "truncated":
        damage = stored[:len(stored) // 2] + stored[-16:]
    elif damage == "index past the end":
        damage = stored[:-8] + (len(stored) * 2).to_bytes(8, "little")
    cache_file.write_bytes(damage)
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


def test_random_damage_to_the_cache_never_reaches_the_zip(tmp_path):
    """Bytes flipped anywhere in the stored file (derandomized): each entry is checked before use."""
    outputs = make_files(tmp_path / "site", 20)
    expected = writestr_zip("copy", outputs)
    cache_file = tmp_path / "deflated.bin"
    cache = DeflateCache(cache_file)
    zip_bytes("copy", outputs, cache)
    cache.save()
    stored = cache_file.read_bytes()
    chance = random.Random(13)
    for _ in range(200):
        damaged = bytearray(stored)
        for _flip in range(chance.randint(1, 4)):
            damaged[chance.randrange(len(damaged))] = chance.randrange(256)
        cache_file.write_bytes(bytes(damaged))
        assert zip_bytes("copy", outputs, DeflateCache(cache_file)) == expected
