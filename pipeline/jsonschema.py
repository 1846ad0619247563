"""JSON Schemas generated from the models, for editors (yaml-language-server reads draft-07)."""

from __future__ import annotations

import json
from pathlib import Path

from schema import COLLECTIONS, SITE


def schemas() -> dict[str, dict]:
    """kind -> JSON Schema (draft-07 compatible: no 2020-12 `$schema`, `$defs` renamed)."""
    kinds = {name.rstrip("s"): model for name, model in COLLECTIONS.items()}
    kinds["site"] = SITE
    result = {}
    for kind, model in sorted(kinds.items()):
        schema = model.model_json_schema(by_alias=True, mode="validation")
        text = json.dumps(schema, sort_keys=True).replace("#/$defs/", "#/definitions/")
        schema = json.loads(text)
        if "$defs" in schema:
            schema["definitions"] = schema.pop("$defs")
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schema["$id"] = f"{kind}.json"
        result[kind] = schema
    return result


def render_schemas() -> dict[str, str]:
    """File name -> exact text, so a test can compare with what is committed."""
    return {f"{kind}.json": json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
            for kind, schema in schemas().items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
