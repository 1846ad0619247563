"""Machine-readable data: one JSON file per record (the downloads on /data/ build on this)."""

from __future__ import annotations

import json
from typing import Any

from pipeline.register import Register
from pipeline.urls import Urls


def record_json(register: Register, urls: Urls, planned: list) -> dict[str, bytes]:
    """/<collection>/<slug>.json: the validated record, as the curator wrote it."""
    outputs = {}
    for collection in ("networks", "actors", "elections", "sources", "tactics"):
        for slug, record in register.collection(collection).items():
            data = {"slug": slug, "collection": collection, "url": urls.absolute(urls.record(collection, slug, urls.default_language)),
                    **record.model_dump(mode="json", by_alias=True, exclude_none=True)}
            outputs[urls.record_json(collection, slug)] = dumps(data)
    return outputs


def dumps(data: Any) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, a final newline."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")
