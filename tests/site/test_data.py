"""The downloads on /data/: every file parses, round-trips and agrees with the others."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, write_content
from pipeline import validate
from pipeline.history import History
from pipeline.register import Register
from pipeline.render.data import LOCATION_KEYS, RECORD_COLLECTIONS
from pipeline.render.downloads import EXAMPLE_QUERY, dataset_files
from pipeline.urls import Urls
from sitepages import parse, resolve, text_of

LINK_FIELDS = {  # long-format table -> the list it flattens, per network
    "takedowns": "takedowns", "ad_spend": "ad_spend", "audience": "audience", "operators": "operators",
    "stances": "stances", "investigators": "investigated_by", "network_elections": "elections",
    "network_tactics": "tactics", "network_sources": "sources",
}


def _csv(site: Path, name: str) -> list[dict]:
    with open(site / "data" / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def register_json(built_site) -> dict:
    return json.loads((built_site / "data" / "register.json").read_text(encoding="utf-8"))


def test_register_json_holds_every_record_with_version_and_date(built_site, register_json):
    for collection in RECORD_COLLECTIONS:
        records = register_json["collections"][collection]
        assert records, collection
        for record in records:
            assert (built_site / collection / f"{record['slug']}.json").is_file()
    assert register_json["version"] and register_json["license"] == "CC-BY-4.0"
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", register_json["generated"])


def test_csv_row_counts_equal_record_and_claim_counts(built_site, register_json):
    collections = register_json["collections"]
    for collection in RECORD_COLLECTIONS:
        rows = _csv(built_site, collection)
        assert [row["slug"] for row in rows] == sorted(r["slug"] for r in collections[collection])
    for table, field in LINK_FIELDS.items():
        expected = sum(len(network.get(field, [])) for network in collections["networks"])
        assert len(_csv(built_site, table)) == expected, table
    responses = sum(len(actor.get("responses", [])) for actor in collections["actors"])
    assert len(_csv(built_site, "responses")) == responses


def test_network_csv_totals_match_the_takedowns(built_site):
    takedowns = _csv(built_site, "takedowns")
    for network in _csv(built_site, "networks"):
        own = [t for t in takedowns if t["network"] == network["slug"]]
        expected = sum(int(t["accounts"]) for t in own if t["accounts"])
        assert int(network["accounts"] or 0) == expected, network["slug"]


def test_sqlite_has_every_table_with_clean_foreign_keys_and_the_csv_counts(built_site):
    db = sqlite3.connect(built_site / "data" / "register.sqlite")
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    package = json.loads((built_site / "data" / "datapackage.json").read_text())
    assert tables == {resource["path"][:-len(".csv")] for resource in package["resources"]}
    for table in tables:
        (count,) = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        assert count == len(_csv(built_site, table)), table
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    targets = {row[2] for row in db.execute("PRAGMA foreign_key_list(operators)")}
    assert targets == {"networks", "actors"}


def test_the_documented_query_joins_networks_to_their_operators(built_site):
    db = sqlite3.connect(built_site / "data" / "register.sqlite")
    rows = db.execute(EXAMPLE_QUERY).fetchall()
    assert len(rows) == len(_csv(built_site, "operators")) > 0
    assert ("kg-media-center-2020", "Media Center network") in {row[:2] for row in rows}
    assert EXAMPLE_QUERY in (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


def test_datapackage_describes_every_csv_with_licence_and_types(built_site):
    package = json.loads((built_site / "data" / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package" and package["licenses"][0]["name"] == "CC-BY-4.0"
    assert re.fullmatch(r"[a-z0-9._/-]+", package["name"])
    names = {resource["name"] for resource in package["resources"]}
    for resource in package["resources"]:
        assert re.fullmatch(r"[a-z0-9._/-]+", resource["name"])
        data = (built_site / "data" / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        header = next(csv.reader(io.StringIO(data.decode("utf-8"))))
        fields = resource["schema"]["fields"]
        assert header == [field["name"] for field in fields]
        assert all(field["type"] in {"string", "integer", "number", "boolean"} for field in fields)
        for key in resource["schema"].get("foreignKeys", []):
            assert key["reference"]["resource"] in names


def test_every_record_json_validates_against_its_schema(built_site):
    for collection in RECORD_COLLECTIONS:
        schema = json.loads((built_site / "data" / "schema" / f"{collection.rstrip('s')}.json").read_text())
        validator = jsonschema.Draft7Validator(schema)
        for path in sorted((built_site / collection).glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            assert record["collection"] == collection and record["permalink"].endswith(f"/{record['slug']}/")
            body = {key: value for key, value in record.items() if key not in LOCATION_KEYS}
            errors = [error.message for error in validator.iter_errors(body)]
            assert not errors, f"{path.name}: {errors[:3]}"


def test_data_page_lists_every_download_with_licence_query_and_citation(built_site):
    page = built_site / "data" / "index.html"
    tree = parse(page)
    linked = {resolve(built_site, page, a.get("href"))[0] for a in tree.iter("a") if a.get("href")
              and resolve(built_site, page, a.get("href"))}
    for path in (built_site / "data").glob("*"):
        if path.suffix in (".csv", ".sqlite") or path.name in ("register.json", "datapackage.json"):
            assert path in linked, path.name
    text = text_of(tree.find(".//main"))
    assert "CC-BY-4.0" in text and "JOIN operators" in text
    assert len(tree.findall(".//section[@class='cite']//pre")) == 4


def test_generated_date_comes_from_content_not_the_clock(tmp_path, monkeypatch):
    content = write_content(tmp_path, {"networks/test-network.yaml": _with_correction("2022-05-06")})
    for epoch in ("1735689600", "1767225600"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        data = json.loads(_downloads(content)["data/register.json"])
        assert data["generated"] == "2022-05-06"


def test_downloads_are_byte_identical_between_builds(tmp_path):
    content = write_content(tmp_path)
    first, second = _downloads(content), _downloads(content)
    assert first == second and "data/register.sqlite" in first


def _downloads(content: Path) -> dict[str, bytes]:
    records, problems = validate(content)
    assert not [p for p in problems if not p.is_warning]
    register = Register.from_records(records, History.empty())
    return dataset_files(register, Urls(register.site.base_url, tuple(register.site.languages)))


def _with_correction(date: str) -> str:
    from conftest import MINIMAL

    return MINIMAL["networks/test-network.yaml"] + f"corrections:\n  - date: {date}\n    note: Fixed the count.\n"
