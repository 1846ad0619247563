"""Deterministic YAML for imported records: one text for one piece of data, always.

PyYAML's dumper folds long lines and picks quoting by YAML 1.1 rules, and curators read
these files in diffs; so records are written by this small emitter instead. Every string
that YAML 1.1 or 1.2 could read as something else (`NO`, `1.10`, `2021-02`, `true`) is
double-quoted, and `pipeline.yamlfile.parse(dump(data))` gives `data` back.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9 _.,()'/+\-–—’]*")
_FLOW_PLAIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
_RESERVED_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf"}
_INDENT = "  "
_FLOW_WIDTH = 72
"""Lists and mappings shorter than this go on one line (`origin: [MD, RO]`)."""


def dump(data: dict[str, Any], header: str = "") -> str:
    """The YAML text of one record, keys in the order given, after an optional comment header."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += _mapping_lines(data, 0)
    return "\n".join(lines) + "\n"


def _mapping_lines(data: dict[str, Any], depth: int) -> list[str]:
    lines = []
    for key, value in data.items():
        lines += _entry_lines(f"{_INDENT * depth}{key}:", value, depth)
    return lines


def _entry_lines(prefix: str, value: Any, depth: int) -> list[str]:
    """`key: value` (or `- value`) with the value inline, as a flow, or as a block."""
    if isinstance(value, (dict, list)) and value and _flow(value) is None:
        if isinstance(value, dict):
            return [prefix] + _mapping_lines(value, depth + 1)
        return [prefix] + _sequence_lines(value, depth + 1)
    if _is_literal(value):
        return [f"{prefix} |{_block_indicators(value)}"] + _literal_lines(value, depth + 1)
    return [f"{prefix} {_flow(value) or _scalar(value)}"]


def _sequence_lines(items: list[Any], depth: int) -> list[str]:
    lines = []
    dash = _INDENT * (depth - 1) + "  -"
    for item in items:
        if isinstance(item, dict) and item and _flow(item) is None:
            first, *rest = _mapping_lines(item, depth + 1)
            lines += [f"{dash} {first.lstrip()}", *rest]
        else:
            lines += _entry_lines(dash, item, depth)
    return lines


# --- block scalars -------------------------------------------------------------


def _is_literal(value: Any) -> bool:
    """Markdown with line breaks is written as a `|` block, exactly as it reads."""
    return isinstance(value, str) and "\n" in value and all(ch == "\n" or ch.isprintable() for ch in value)


def _block_indicators(text: str) -> str:
    """`|2` when the text starts with a space; `-`/`+` when it does not end in one newline."""
    indent = str(len(_INDENT)) if text[:1] == " " else ""
    if not text.endswith("\n"):
        return indent + "-"
    return indent + ("+" if text.endswith("\n\n") else "")


def _literal_lines(text: str, depth: int) -> list[str]:
    body = text[:-1] if text.endswith("\n") else text
    return [f"{_INDENT * depth}{line}" if line else "" for line in body.split("\n")]


# --- inline values -----------------------------------------------------------------


def _flow(value: Any) -> str | None:
    """A one-line `[a, b]` or `{k: 1}` for short lists of scalars and mappings of numbers."""
    if isinstance(value, list) and all(isinstance(item, str) and "\n" not in item for item in value):
        text = "[" + ", ".join(_flow_string(item) for item in value) + "]"
    elif isinstance(value, dict) and all(_is_number(item) or isinstance(item, bool) for item in value.values()):
        text = "{" + ", ".join(f"{key}: {_scalar(item)}" for key, item in value.items()) + "}"
    else:
        return None
    return text if len(text) <= _FLOW_WIDTH or not value else None


def _flow_string(text: str) -> str:
    """Inside [ ] a plain word may not hold commas or brackets, so more is quoted."""
    if _FLOW_PLAIN_RE.fullmatch(text) and not _needs_quotes(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if _needs_quotes(value) else value
    if isinstance(value, (list, dict)) and not value:
        return "[]" if isinstance(value, list) else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as YAML: {value!r}")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _float(value: float) -> str:
    """Whole amounts as integers (1250), others in their shortest exact form (12.5)."""
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    if "e" in text or "inf" in text or "nan" in text:
        raise ValueError(f"cannot write {value!r} as a plain YAML number")
    return text


def _needs_quotes(text: str) -> bool:
    """Anything but a plain run of words is quoted: YAML might read it as another type."""
    if not _PLAIN_RE.fullmatch(text) or text != text.strip():
        return True
    if text.lower() in _RESERVED_WORDS:
        return True
    return ": " in text or " #" in text or text.endswith(":")
