"""Whatever a curator (or a broken editor) puts in content/, check answers 0 or 1, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import MINIMAL, write_content
from pipeline import validate

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                     st.text(max_size=20), st.sampled_from(["NO", "yes", "1.10", "2021-02-30", "~", "TODO", "javascript:x"]))
_KEYS = st.one_of(st.sampled_from(["name", "summary", "status", "takedowns", "sources", "operators", "removed",
                                   "accounts", "date", "platform", "actor", "confidence", "kind", "from", "to"]),
                  st.text(min_size=1, max_size=8))
_DOCUMENTS = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                              st.dictionaries(_KEYS, inner, max_size=5)), max_leaves=25)


def _validate_file(relative: str, payload: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = write_content(Path(folder), {relative: payload})
        _records, problems = validate(content)
        for problem in problems:
            problem.format()  # every problem can be printed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_never_crash_the_loader(payload):
    _validate_file("networks/test-network.yaml", payload)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_random_yaml_documents_never_crash_check(document):
    import yaml

    text = yaml.safe_dump(document, allow_unicode=True)
    _validate_file("networks/test-network.yaml", text.encode("utf-8"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text_pages_never_crash(text):
    _validate_file("pages/about.md", text.encode("utf-8", "surrogatepass") if False else text.encode("utf-8", "replace"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(MINIMAL)), st.integers(0, 400), st.binary(min_size=1, max_size=5))
def test_corrupting_any_file_never_crashes(relative, offset, garbage):
    original = MINIMAL[relative].encode("utf-8")
    offset = min(offset, len(original))
    _validate_file(relative, original[:offset] + garbage + original[offset:])
