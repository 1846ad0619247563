"""The fast path of parsing: a plain record file read by yaml-rs, or None for the strict parse.

yaml-rs (Rust) builds the data of a record in a third of the time PyYAML's C parser takes
to build its node tree, which was most of the cost of `check` from scratch. It reads YAML
1.2, and yamlfile.py's strict loader is the contract: so a file comes back from here only
when nothing in it could be read differently by the two. Anything that could (the checks
below, each found by comparing both parsers on edited record files: tests/pipeline/
test_plainyaml.py), and any error, goes to the strict parse, which also says exactly what
is wrong.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml_rs

_CHARACTERS_READ_DIFFERENTLY = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
"""Line breaks only YAML 1.1 has (NEL, LS, PS), and characters libyaml refuses."""
_ANCHOR_TAG_OR_MERGE = re.compile(r"(?:^|[\s\[{,])[&!]|<<", re.MULTILINE)
"""The strict parse refuses them by name (an alias needs an anchor)."""
_RADIX = re.compile("0[oxbOXB]")
"""Looked for first: the engine finds a pattern that starts with a literal fast (one that
starts with a class, such as `[0-9]_[0-9]`, scanned a record ten times slower)."""
_RADIX_NUMBER = re.compile(r"(?<![\w.:/-])[-+]?0[oxbOXB]")
_UNDERSCORE_IN_NUMBER = re.compile(r"_(?:(?<=[0-9.]_)|(?=[0-9.]))")
"""yaml-rs drops every _ from what looks like a number: 1_000, 1__2, _1, _.5 and 1._ are numbers to it."""
_BLOCK_SCALAR_HEADER = re.compile(r"[|>][-+0-9]*[ ]*(?:#.*)?$")
_COLON_IN_TEXT = re.compile(r":[^\s]")
_LONE_CR = re.compile("\r(?!\n)")


_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Text starting with one of these is quoted, or read differently (`[|x]`, `{?x: 1}`)."""

_DUPLICATE_KEYS_FAIL = yaml_rs.DuplicateKeyPolicy.Error


def plain_data(text: str) -> Any | None:
    """The file's data when it is plain, else None (None is never a record's data: the
    caller refuses an empty file before)."""
    if not _may_be_plain(text):
        return None
    data = mapping_read_by_yaml_rs(text)
    return data if data is not None and _is_plain(data) else None


def mapping_read_by_yaml_rs(text: str) -> dict | None:
    """What yaml-rs reads when it is a mapping, else None: the data `plain_data` returns
    for the same text when the text turns out to be plain (pipeline/parsing.py reads it
    first and has the checks made in a helper process)."""
    try:
        data = yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=_DUPLICATE_KEYS_FAIL)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - an error, nesting too deep, or a panic in yaml-rs (pyo3's
        return None        # PanicException is a BaseException): the strict parse explains it
    return data if data.__class__ is dict else None  # a record is a mapping: the rest is an error


def _is_plain(data: dict) -> bool:
    try:
        return _plain_mapping(data)
    except RecursionError:  # nested deeper than Python walks: the strict parse explains it
        return False


def _may_be_plain(text: str) -> bool:
    """Nothing in the text the two parsers could read differently (cheap tests first: one
    regular expression of every case scanned a record more slowly than yaml-rs parses it)."""
    if not text.endswith("\n") or "\t" in text:
        return False  # a tab: libyaml refuses it in many places where yaml-rs reads it
    if "\\" in text:
        return False  # escapes: yaml-rs joins \uD800\uDFFF into one character, libyaml refuses it
    if "\r" in text and _LONE_CR.search(text):
        return False  # a lone CR as line break: the checks below split lines at \n only
    if not text.replace("\n", " ").isprintable() and _CHARACTERS_READ_DIFFERENTLY.search(text):
        return False  # (printable text has none of them: isprintable is the cheap test)
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text or "\n%" in text:
        return False  # more documents than one, directives
    if ("&" in text or "!" in text or "<<" in text) and _ANCHOR_TAG_OR_MERGE.search(text):
        return False
    if (_RADIX.search(text) and _RADIX_NUMBER.search(text)) or _UNDERSCORE_IN_NUMBER.search(text):
        return False  # numbers only YAML 1.2 reads as numbers
    if _BLOCK_SCALAR_HEADER.search(text.rstrip().rpartition("\n")[2]):
        return False  # an empty block scalar at the end: yaml-rs makes it a line break
    if "[" not in text and "{" not in text:
        return True
    return all(map(_simple_flow, [line for line in text.split("\n")
                                  if "[" in line or "{" in line or "]" in line or "}" in line]))


def _simple_flow(line: str) -> bool:
    """Every [ and { closes on its line (a line with only a ] or } is a flow that spans
    lines too), and no ':' inside is followed by more text: the two parsers disagree on
    flow collections that span lines, and on keys like `{en:? x}`."""
    return (line.count("[") == line.count("]") and line.count("{") == line.count("}")
            and not _COLON_IN_TEXT.search(line))


def _plain_mapping(mapping: dict) -> bool:
    for key, value in mapping.items():
        if key.__class__ is not str or (key and key[0] in _INDICATORS) or not _plain_value(value):
            return False  # the strict parse tells '1' from 1 as a key written twice
    return True


def _plain_list(items: list) -> bool:
    for value in items:
        if not _plain_value(value):
            return False
    return True


def _plain_value(value: Any) -> bool:
    kind = value.__class__
    if kind is str:
        return not value or value[0] not in _INDICATORS
    if kind is dict:
        return _plain_mapping(value)
    if kind is list:
        return _plain_list(value)
    return kind is not float or math.isfinite(value)  # .inf and .nan are text to the strict parse
