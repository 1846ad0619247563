"""Machine-readable data: one JSON file per record, and the whole register as one JSON file.

A record's JSON is the validated record as the curator wrote it, plus three keys that
say where it lives: `slug`, `collection` and `permalink` (not `url`: sources have their
own `url`). Without those three it validates
against schema/json/<kind>.json. A former slug (`aliases:`) serves the same JSON, so
links to the old .json address keep working.
"""

from __future__ import annotations

import json
from typing import Any

from pipeline.history import build_date
from pipeline.register import Register
from pipeline.urls import Urls
from schema.fields import PartialDate

RECORD_COLLECTIONS = ("networks", "actors", "elections", "sources", "tactics")
LOCATION_KEYS = ("slug", "collection", "permalink")
"""Keys the site adds to a record's JSON; the rest is the record itself."""


def record_data(register: Register, urls: Urls, collection: str, slug: str) -> dict[str, Any]:
    """One record as JSON-ready data: the record plus where it lives."""
    record = register.collection(collection)[slug]
    return {"slug": slug, "collection": collection,
            "permalink": urls.absolute(urls.record(collection, slug, urls.default_language)),
            **record.model_dump(mode="json", by_alias=True, exclude_none=True)}


def record_json_files(register: Register, urls: Urls, collection: str, slug: str) -> dict[str, bytes]:
    """/<collection>/<slug>.json of one record, and the same bytes at every former slug of it.

    Made with the record's page in the default language (render/companions.py), so a
    rebuild keeps them with that page when the record did not change."""
    record = register.collection(collection)[slug]
    data = dumps(record_data(register, urls, collection, slug))
    return {urls.record_json(collection, name): data for name in (slug, *record.aliases)}


def register_json(register: Register, urls: Urls) -> bytes:
    """data/register.json: every record of every collection, with the edition and its date."""
    site = register.site
    generated = dataset_date(register)
    data = {
        "title": site.title,
        "url": urls.absolute(urls.home(urls.default_language)),
        "license": site.license,
        "publisher": site.publisher,
        "languages": list(urls.languages),
        "version": site.version,
        "generated": str(generated) if generated else None,
        "collections": {collection: [record_data(register, urls, collection, slug)
                                     for slug in register.collection(collection)]
                        for collection in RECORD_COLLECTIONS},
    }
    return dumps(data, compact=True)


def dataset_date(register: Register) -> PartialDate | None:
    """The newest date the content knows (publication, correction, commit); else SOURCE_DATE_EPOCH."""
    dates = []
    for collection in RECORD_COLLECTIONS:
        for slug, record in register.collection(collection).items():
            updated = register.history.last_updated(record, f"{collection}/{slug}.yaml")
            if updated:
                dates.append(updated)
    return max(dates, key=PartialDate.sort_key) if dates else build_date()


def dumps(data: Any, compact: bool = False) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, a final newline; indented unless `compact`.

    `compact` is for the bulk download: Python's JSON encoder runs in C only without
    indentation, which is ten times faster on a large register (and the file is smaller).
    """
    if compact:
        return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")
