"""Where YAML is read: strict safe loading with a position for every key.

PyYAML alone lets duplicate keys vanish, turns `NO` into False and runs no check on
tags or aliases; here every such surprise becomes a ContentError instead. The strict
loader is the contract; plainyaml.py, the fast path for plain files, only ever returns
what it would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from pipeline.plainyaml import plain_data

MAX_FILE_BYTES = 2 * 1024 * 1024

try:  # the C loader is ten times faster; the pure one behaves the same
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship libyaml
    _BaseLoader = yaml.SafeLoader

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq")
}


class StrictLoader(_BaseLoader):
    """Safe loader with YAML 1.2-like scalars: only true/false are booleans, dates stay text.

    It resolves tags as PyYAML's resolver does for these resolvers, without its path
    resolvers (none are registered): the C parser calls back for every node, and the
    general version cost an eighth of the strict parse (0.28 → 0.24 ms a network file)."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):  # '' for the empty value
                    if pattern.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Path resolvers only (none here)."""

    def ascend_resolver(self) -> None:
        """Path resolvers only (none here)."""


StrictLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:" + _tag, re.compile(_pattern), list(_first)
    )


_SCALAR_VALUE: dict[str, Any] = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,  # the resolver admits only digits, a dot and an exponent
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:null": lambda text: None,
}
"""What each implicit scalar type means (the same as YAML 1.2's core schema, which the fast path reads)."""


def _construct_scalar(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return _SCALAR_VALUE[node.tag](node.value)


for _tag in _SCALAR_VALUE:
    StrictLoader.add_constructor(_tag, _construct_scalar)


Position = tuple[int, int]
KeyPath = tuple[Any, ...]


@dataclass
class YamlDocument:
    """A parsed document plus where each key and item stood in the file (1-based).

    Positions are only needed to report an error, so a document parsed on the fast path
    keeps its text and works them out (with the full parse) the first time one is asked for.
    """

    data: Any
    text: str | None = None
    line_offset: int = 0
    _positions: dict[KeyPath, Position] | None = field(default=None, repr=False)
    _key_positions: dict[KeyPath, Position] = field(default_factory=dict, repr=False)
    _numbers: dict[KeyPath, str] = field(default_factory=dict, repr=False)

    @property
    def positions(self) -> dict[KeyPath, Position]:
        self._index_positions()
        return self._positions

    @property
    def numbers(self) -> dict[KeyPath, str]:
        """The source text of every number, so an error can say how to quote it."""
        self._index_positions()
        return self._numbers

    def position_of(self, path: KeyPath) -> Position:
        """The closest known position to `path`, walking up to the document if needed."""
        positions = self.positions
        path = tuple(path)
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions.get((), (1, 1))

    def key_position_of(self, path: KeyPath) -> Position:
        """Where a mapping key itself stands (for unknown keys)."""
        self._index_positions()
        return self._key_positions.get(tuple(path)) or self.position_of(path)

    @property
    def parsed_fast(self) -> bool:
        """True when the fast path read it (nothing unusual in it): its data may be cached."""
        return self._positions is None

    def without_data(self) -> "YamlDocument":
        """The positions part alone, to keep beside a validated record."""
        return YamlDocument(None, self.text, self.line_offset, self._positions, self._key_positions, self._numbers)

    def _index_positions(self) -> None:
        if self._positions is None:
            try:
                full = _full_parse(self.text or "", self.line_offset)
            except YamlError:  # the fast path took what the full parse refuses: a bug, but no traceback
                self._positions = {}
                return
            self._positions, self._key_positions, self._numbers = full._positions, full._key_positions, full._numbers


class YamlError(Exception):
    """A file that is not acceptable YAML; carries a position, message and hint."""

    def __init__(self, message: str, line: int = 0, col: int = 0, hint: str = "", field: str = ""):
        super().__init__(message)
        self.message, self.line, self.col, self.hint, self.field = message, line, col, hint, field


def decode(raw: bytes) -> str:
    """UTF-8 text (a BOM is fine), or a YamlError naming the line of the first bad byte."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            f"file is {len(raw) // 1024} KB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB",
            hint="split it, or move long text out of the record",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            f"byte 0x{raw[exc.start]:02x} is not UTF-8",
            line, col, hint="save the file as UTF-8 (most editors: 'Save with encoding')",
        ) from None


def parse(text: str, name: str = "<string>", line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document strictly; `line_offset` shifts positions (front matter).

    Most files are plain keys, lists and text: those take the fast path (plainyaml.py),
    which builds the data without positions. Anything that could be read differently
    there (an anchor, a tag, a YAML 1.2 number...), and any error, goes through the full
    parse, which knows every position and says exactly what is wrong.
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlError("file is empty", 1, 1, hint="write the record's fields, or delete the file")
    data = plain_data(text)
    if data is not None:
        return YamlDocument(data, text, line_offset)
    return _full_parse(text, line_offset)


def _full_parse(text: str, line_offset: int) -> YamlDocument:
    if "&" in text:
        _reject_anchors(text, line_offset)
    loader = StrictLoader(text)
    try:
        node = _compose(loader, text, line_offset)
        document = YamlDocument(None, text, line_offset, {})
        _index(node, (), document, set(), line_offset)
        document.data = loader.construct_document(node)
        return document
    finally:
        loader.dispose()


def _reject_anchors(text: str, offset: int) -> None:
    """Anchors are only ever needed for aliases, which records never need (alias bombs)."""
    try:
        for event in yaml.parse(text, Loader=StrictLoader):
            if getattr(event, "anchor", None):
                mark = event.start_mark
                raise YamlError(
                    f"anchors (&{event.anchor}) are not allowed", mark.line + 1 + offset,
                    mark.column + 1, hint="write the value out in full; records need no anchors",
                )
    except yaml.YAMLError:
        return  # composing reports the syntax error with its position


def _compose(loader: StrictLoader, text: str, line_offset: int) -> yaml.Node:
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, line_offset) from None
    except yaml.YAMLError as exc:  # e.g. "expected a single document"
        raise YamlError(str(exc).splitlines()[0], 1, 1) from None
    if node is None:
        raise YamlError("file is empty", 1, 1, hint="write the record's fields, or delete the file")
    return node


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, offset: int) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    hint = ""
    if "\t" in problem or (mark and _indented_with_tab(text, mark.line)):
        problem, hint = "a tab is used for indentation", "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' needs quotes"
    elif "could not find expected ':'" in problem:
        hint = "every line of a mapping needs 'key: value'; check the line above too"
    elif "found undefined alias" in problem or "found undefined anchor" in problem:
        problem, hint = "aliases (*name) are not allowed", "write the value out in full"
    return YamlError(f"YAML syntax error: {problem}", line, col, hint=hint)


def _indented_with_tab(text: str, line_index: int) -> bool:
    lines = text.splitlines()
    if line_index >= len(lines):
        return False
    return "\t" in re.match(r"[ \t]*", lines[line_index]).group(0)


def _index(node: yaml.Node, path: KeyPath, doc: YamlDocument, seen: set[int], offset: int) -> None:
    """Record positions, and reject aliases, foreign tags and duplicate keys."""
    line, col = node.start_mark.line + 1 + offset, node.start_mark.column + 1
    if id(node) in seen:
        line, col = doc._positions.get(path, (line, col))
        raise YamlError(
            "aliases (*name) are not allowed", line, col,
            hint="write the value out in full; records need no anchors or aliases",
        )
    seen.add(id(node))
    doc._positions[path] = (line, col)
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(("float", "int")):
        doc._numbers[path] = node.value
    if node.tag not in _STANDARD_TAGS:
        raise YamlError(
            f"the tag '{node.tag}' is not allowed", line, col,
            hint="only plain values, lists and mappings; remove the '!' tag",
            field=field_name(path),
        )
    if isinstance(node, yaml.MappingNode):
        keys: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError("a key must be a plain word", key_node.start_mark.line + 1 + offset,
                                key_node.start_mark.column + 1)
            if key_node.value == "<<":
                raise YamlError("merge keys (<<) are not allowed", key_node.start_mark.line + 1 + offset,
                                key_node.start_mark.column + 1, hint="write the keys out in full")
            key = key_node.value
            where = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            if key in keys:
                raise YamlError(
                    f"duplicate key '{key}' (first at line {keys[key][0]})", *where,
                    hint="keep one of the two; YAML would silently drop the first",
                    field=field_name(path + (key,)),
                )
            keys[key] = where
            doc._key_positions[path + (key,)] = where
            _index(value_node, path + (key,), doc, seen, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, path + (index,), doc, seen, offset)


def field_name(path: KeyPath) -> str:
    """A key path as curators read it: takedowns[0].removed.accounts."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line where the body starts) of a markdown page."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        raise YamlError(
            "a page must start with front matter between two '---' lines", 1, 1,
            hint="add '---', 'title: ...', 'description: ...', '---' at the top",
        )
    body = text[match.end():]
    return match.group(1), body, text[: match.end()].count("\n") + 1
