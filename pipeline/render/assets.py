"""Static files (CSS, JS, icons) copied from templates/static/ into the site."""

from __future__ import annotations

from pathlib import Path

from pipeline.register import Register
from pipeline.urls import Urls

STATIC_DIR = Path(__file__).resolve().parents[2] / "templates" / "static"


def static_files(register: Register, urls: Urls, planned: list) -> dict[str, bytes]:
    return {urls.static(path.relative_to(STATIC_DIR).as_posix()): path.read_bytes()
            for path in sorted(STATIC_DIR.rglob("*")) if path.is_file()}
