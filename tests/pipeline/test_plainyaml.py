"""The fast path (yaml-rs, YAML 1.2) never reads a file differently from the strict parse.

A curator's file means what the strict loader says (yamlfile.py): `0x1F` and `.inf` are
text, a key written twice is an error, a tab in the indentation is an error. The fast
path either gives the same data or hands the file to the strict parse.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import MINIMAL
from pipeline.plainyaml import plain_data
from pipeline.yamlfile import YamlError, _full_parse, parse

ROOT = Path(__file__).resolve().parents[2]
REAL_FILES = sorted((ROOT / "content").rglob("*.yaml"))


def _strict(text: str):
    try:
        return _full_parse(text, 0).data
    except YamlError as error:
        return error


def _same(a, b) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return a == b


def _agrees(text: str) -> None:
    fast = plain_data(text)
    if fast is None:
        return  # the strict parse reads it
    strict = _strict(text)
    assert not isinstance(strict, YamlError), f"the fast path took what the strict parse refuses ({strict}): {text!r}"
    assert _same(fast, strict), f"read differently: {text!r}\nfast:   {fast!r}\nstrict: {strict!r}"


READ_DIFFERENTLY_BY_YAML_1_2 = [
    ("a: 0x1F\n", {"a": "0x1F"}),
    ("a: 0o17\n", {"a": "0o17"}),
    ("a: 0b101\n", {"a": "0b101"}),
    ("a: 1_000\n", {"a": "1_000"}),
    ("a: .inf\n", {"a": ".inf"}),
    ("a: -.nan\n", {"a": "-.nan"}),
    ("a: 'x\x85y'\n", {"a": "x y"}),  # NEL is a line break in YAML 1.1
    ("a: |\n", {"a": ""}),  # yaml-rs: "\n"
    ("a: >\n\n  x", {"a": "\nx"}),  # no line break at the end: yaml-rs adds one
    ("a: |1\n  x", {"a": " x"}),
    ("a: 1__2\nb: [_1]\n", {"a": "1__2", "b": ["_1"]}),  # found by the review's fuzzing, as below
    ("a: _.5\n", {"a": "_.5"}),  # each in a file of its own: one such number sends its whole file to the strict parse
    ("a: +_.5\n", {"a": "+_.5"}),
    ("a: 1._\n", {"a": "1._"}),
]


@pytest.mark.parametrize("text,data", READ_DIFFERENTLY_BY_YAML_1_2)
def test_what_yaml_1_2_reads_differently_means_what_the_strict_loader_says(text, data):
    assert _same(parse(text).data, data)


REFUSED_BY_THE_STRICT_PARSE = [
    '"1": a\n1: b\n',  # a key written twice: yaml-rs sees a text and a number
    "name: {en:? Network}\n",
    "name: {en:, Network}\n",
    "also_known_as: [|Internews, internews.kg]\n",
    "removed: {accounts: >595, pages: 107}\n",
    "a:\n  \t- b\n",
    "a:\n  - \t{b: c}\n",
    "a: |\n   \t text\n",
    "a: x\x07\n",
    "a: x\u2028y\n",
    "---\na: 1\n---\nb: 2\n",
    "a: {b: 1, c\n: 2}\n",
    "# a comment\n|-\n/../x\nname: y\n",  # yaml-rs reads a text, the strict parse refuses it
    'a: "\\uD800\\uDFFF"\n',  # an escaped surrogate pair
    "a: {x \r : y}\n",  # a lone CR as line break inside a flow mapping
    "# c\r...\nb: x\n",  # a document end after a lone CR
    "x}: {'1.e5' #c\n  : y #c\n }\nb: 1\n",  # a } in a key balanced the line's { (flow over three lines)
]


@pytest.mark.parametrize("text", REFUSED_BY_THE_STRICT_PARSE)
def test_what_the_strict_parse_refuses_is_refused(text):
    with pytest.raises(YamlError):
        parse(text)


def test_every_file_of_the_register_reads_the_same_both_ways():
    assert REAL_FILES
    for file in REAL_FILES:
        _agrees(file.read_text(encoding="utf-8"))


def test_plain_record_files_take_the_fast_path():
    """Else the fast path would be dead code and every record pay for the strict parse."""
    plain = [text for text in MINIMAL.values() if text.lstrip().startswith(("name:", "title:"))]
    assert plain and all(plain_data(text) is not None for text in plain)


_EDITS = st.sampled_from([" ", "\n", "  ", "\r", "1__2", "_1", "_.", "._", '"\\uD800\\uDFFF"', "}", "- ", ": ", ":", "#", "'", '"', "|", ">", "[", "]", "{", "}", ",", "?",
                          "\t", "&a ", "*a", "!!str ", "0x1", ".inf", "~", "null", "---\n", "% ", "@", "`", "\x85",
                          "\u2028", "é", "\\", "1_0", "-", "\r\n", "\x07", "'1': x\n1: y\n", "| ", "|-\n", ">+\n"])
_SOURCES = sorted(MINIMAL.values()) + [file.read_text(encoding="utf-8") for file in REAL_FILES[::7]]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.sampled_from(_SOURCES), st.lists(st.tuples(st.floats(0, 1), st.booleans(), _EDITS), min_size=1, max_size=3))
def test_an_edited_file_reads_the_same_both_ways_or_takes_the_strict_parse(source, edits):
    text = source
    for where, delete, insert in edits:
        at = int(where * len(text))
        text = text[:at] + text[at + 1:] if delete else text[:at] + insert + text[at:]
    _agrees(text)
