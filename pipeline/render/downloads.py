"""The bulk downloads on /data/: CSV per table, SQLite, datapackage.json, JSON Schemas.

All built from `tables()` so the three formats never disagree, and byte-reproducible:
rows are sorted, nothing reads the clock, SQLite is built in memory and serialized.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
from pathlib import Path

from pipeline.register import Register
from pipeline.render.citations import cite
from pipeline.render.data import dataset_date, dumps, register_json
from pipeline.render.i18n import localized, translations
from pipeline.render.pages import PageData
from pipeline.render.tables import Table, tables
from pipeline.urls import Urls

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema" / "json"
PACKAGE_NAME = "takedown-register"
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
LICENSE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}

_cache: list = []
"""[(site settings, urls, files)]: the downloads and the /data/ pages of every language share one
build. Keyed on the loaded Site object, which the Register and the page cache's TrackedRegister
(render/pagecache.py) both hand out, so either view of one register finds it."""


def dataset_files(register: Register, urls: Urls) -> dict[str, bytes]:
    """data/<name> -> bytes for every bulk download."""
    return _dataset(register, urls)[1]


def _dataset(register: Register, urls: Urls) -> tuple[list[Table], dict[str, bytes]]:
    """The tables and the files built from them, once per register (every language shares them)."""
    if _cache and _cache[0][0] is register.site and _cache[0][1] == urls:
        return _cache[0][2]
    all_tables = tables(register, urls)
    files = {urls.data_file("register.json"): register_json(register, urls)}
    for table in all_tables:
        files[urls.data_file(f"{table.name}.csv")] = csv_bytes(table)
    files[urls.data_file("register.sqlite")] = sqlite_bytes(all_tables)
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        files[urls.data_file(f"schema/{schema.name}")] = schema.read_bytes()
    files[urls.data_file("datapackage.json")] = datapackage(register, all_tables, files, urls)
    _cache[:] = [(register.site, urls, (all_tables, files))]
    return all_tables, files


def downloads(register: Register, urls: Urls, planned: list) -> dict[str, bytes]:
    """OUTPUTS row: every file under data/."""
    return dataset_files(register, urls)


EXAMPLE_QUERY = """\
SELECT networks.slug, networks.name_en, operators.confidence, actors.name_en AS operator
FROM networks
JOIN operators ON operators.network = networks.slug
JOIN actors ON actors.slug = operators.actor
ORDER BY networks.slug, operators.position;"""
"""Shown on /data/ and in docs/data.md: networks joined to who ran them."""


def data_page(register: Register, urls: Urls, lang: str, offline_copy: tuple[str, int] | None = None):
    """PAGES row: /data/, every download with its size, the licence and how to cite the dataset.

    `offline_copy` is the (path, byte size) of the classroom zip when the build includes
    it (see pipeline/bundle.py); without it the page does not mention the zip. The sizes
    need the files, so they are worked out when the page is rendered, in the worker that
    also writes the downloads (render.RENDERED_WITH).
    """
    gettext = translations(lang).gettext
    path = urls.section("data", lang)
    title = localized(register.site.title, lang, register.site.default_language)[0]
    publisher = localized(register.actors[register.site.publisher].name, lang, register.site.default_language)[0]
    updated = dataset_date(register)
    dataset_title = f"{title} (dataset, version {register.site.version})" if register.site.version else title
    context = {
        "offline_copy": offline_copy[0] if offline_copy else None,
        "generated": updated,
        "license_url": LICENSE_URLS.get(register.site.license),
        "example_query": EXAMPLE_QUERY,
        "citation": cite(dataset_title, urls.absolute(path), publisher, title, updated, PACKAGE_NAME, lang, path),
    }
    yield PageData(path, "pages/data.html", gettext("Open data"),
                   gettext("Download the whole register as CSV, SQLite or JSON, with its schema and licence."),
                   context, kind="data", details=lambda: _file_listing(register, urls, offline_copy))


def _file_listing(register: Register, urls: Urls, offline_copy: tuple[str, int] | None) -> dict:
    all_tables, files = _dataset(register, urls)
    sizes = {path: len(data) for path, data in files.items()}
    if offline_copy:
        sizes[offline_copy[0]] = offline_copy[1]
    return {
        "files": sizes,
        "csvs": [(urls.data_file(f"{t.name}.csv"), t, sizes[urls.data_file(f"{t.name}.csv")]) for t in all_tables],
        "schemas": sorted(p for p in files if p.startswith(urls.data_file("schema/"))),
    }


# --- CSV ---------------------------------------------------------------------------


def csv_bytes(table: Table) -> bytes:
    """RFC 4180 CSV, UTF-8, a header row; empty cells for missing values, true/false for booleans."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue().encode("utf-8")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- SQLite ------------------------------------------------------------------------


def sqlite_bytes(all_tables: list[Table]) -> bytes:
    """Every table with primary and foreign keys, built in memory so the bytes are reproducible.

    Each table's indexes are made after its rows, so they are written compact and the file
    needs no VACUUM (at 10,000 networks 0.9 instead of 1.6 s, the file 1 % larger)."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA page_size = 1024")  # small tables: small pages keep the file light
        connection.execute("PRAGMA foreign_keys = ON")
        for table in all_tables:  # record tables come first, so every reference already exists
            connection.execute(create_statement(table))
            marks = ", ".join("?" for _ in table.columns)
            connection.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', table.rows)
            for column in table.columns:
                if column.references:
                    connection.execute(f'CREATE INDEX "{table.name}_{column.name}" ON "{table.name}" ("{column.name}")')
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()


def create_statement(table: Table) -> str:
    lines = [f'"{c.name}" {SQL_TYPES[c.type]}' + (" NOT NULL" if c.name in table.primary_key else "")
             for c in table.columns]
    lines.append("PRIMARY KEY (" + ", ".join(f'"{name}"' for name in table.primary_key) + ")")
    for column in table.columns:
        if column.references:
            target, key = column.references.split(".")
            lines.append(f'FOREIGN KEY ("{column.name}") REFERENCES "{target}" ("{key}")')
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(lines) + "\n)"


# --- datapackage.json --------------------------------------------------------------


def datapackage(register: Register, all_tables: list[Table], files: dict[str, bytes], urls: Urls) -> bytes:
    """A Frictionless Tabular Data Package describing every CSV, its fields, keys and licence."""
    site = register.site
    license = {"name": site.license}
    if site.license in LICENSE_URLS:
        license["path"] = LICENSE_URLS[site.license]
    generated = dataset_date(register)
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": site.title[site.default_language],
        "description": (site.description or site.tagline)[site.default_language],
        "homepage": urls.absolute(urls.section("data", urls.default_language)),
        "licenses": [license],
        "resources": [_resource(table, files[urls.data_file(f"{table.name}.csv")]) for table in all_tables],
    }
    if site.version:
        package["version"] = site.version
    if generated:
        package["created"] = f"{generated.year:04d}-{generated.month or 1:02d}-{generated.day or 1:02d}T00:00:00Z"
    return dumps(package)


def _resource(table: Table, data: bytes) -> dict:
    schema = {
        "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in table.columns],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    foreign = [{"fields": c.name, "reference": {"resource": c.references.split(".")[0], "fields": "slug"}}
               for c in table.columns if c.references]
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": table.name.replace("_", "-"),
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": schema,
    }
