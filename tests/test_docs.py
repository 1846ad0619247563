"""docs/curating.md, the schema descriptions, the editor schemas and settings stay in step with the models."""

from __future__ import annotations

import json
import re

import pytest

import build
from conftest import ROOT
from pipeline.jsonschema import render_schemas
from schema import COLLECTIONS, PAGES, SITE
from schema.base import Record
from schemafields import key, walk

CURATING = ROOT / "docs" / "curating.md"
SECTIONS = {f"`{name}/<slug>.yaml`": model for name, model in COLLECTIONS.items()} | {
    "`site.yaml`": SITE, "`pages/<slug>.md`": PAGES}
"""Heading of each kind's section in docs/curating.md -> the model it documents."""
SHARED = "Fields every collection shares"
"""The section documenting the fields of schema.base.Record, which every collection's section refers to."""


def section(heading: str) -> str:
    """The text under `## heading`, up to the next level-2 heading."""
    text = CURATING.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert found, f"docs/curating.md has no '## {heading}' section"
    return found.group(1)


@pytest.mark.parametrize("heading", sorted(SECTIONS))
def test_every_field_is_documented_in_its_kinds_section(heading):
    text = section(heading) + (section(SHARED) if issubclass(SECTIONS[heading], Record) else "")
    missing = sorted({f"{owner.__name__}.{key(name, info)}" for owner, name, info in walk(SECTIONS[heading])
                      if f"`{key(name, info)}`" not in text})
    assert not missing, f"docs/curating.md section {heading} does not name: {', '.join(missing)}"


@pytest.mark.parametrize("model", sorted(SECTIONS.values(), key=lambda m: m.__name__), ids=lambda m: m.__name__)
def test_every_field_has_a_description(model):
    bare = [f"{owner.__name__}.{name}" for owner, name, info in walk(model) if not (info.description or "").strip()]
    assert not bare, f"fields without a curator-facing description: {', '.join(bare)}"


def test_json_schemas_are_in_sync_with_the_models():
    committed = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "schema" / "json").glob("*.json")}
    assert committed == render_schemas(), "schema/json/ is stale: run `python build.py schema` and commit it"


def test_editor_settings_map_each_collection_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    expected = {f"./schema/json/{name.removesuffix('s')}.json": f"content/{name}/*.yaml" for name in COLLECTIONS}
    assert settings == expected | {"./schema/json/site.json": "content/site.yaml"}
    for schema in settings:
        assert (ROOT / schema).is_file(), schema


def test_commands_the_docs_mention_exist():
    commands = build._parser()._subparsers._group_actions[0].choices
    mentioned = set(re.findall(r"build\.py (\w+)", CURATING.read_text(encoding="utf-8")))
    assert mentioned and mentioned <= set(commands), mentioned - set(commands)
