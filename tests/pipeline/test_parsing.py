"""A large register is parsed at once by yaml-rs while a forked helper checks each file:
the records and errors are exactly those of one process, files the checks refuse included."""

from __future__ import annotations

from conftest import MINIMAL, write_content

from pipeline import parsing, workers
from pipeline.contentcache import DISABLE_VARIABLE
from pipeline.load import load

NETWORK = MINIMAL["networks/test-network.yaml"]
UNUSUAL = {
    # yaml-rs reads numbers here; the strict parse reads the text the curator wrote
    "networks/yaml-1-2-numbers.yaml": NETWORK.replace("summary: A network for tests.",
                                                      "summary: A network for tests.\nalso_known_as: [0x1F, 1_000, .inf]"),
    # an anchor: refused by name by the strict parse, read silently by yaml-rs
    "networks/with-an-anchor.yaml": NETWORK.replace("summary: A network for tests.",
                                                    "summary: &s A network for tests."),
    # a tab in the indentation, a lone CR: yaml-rs reads both
    "networks/with-a-tab.yaml": NETWORK.replace("  - platform:", "\t- platform:"),
    "networks/with-a-lone-cr.yaml": NETWORK.replace("status: removed\n", "status: removed\r"),
    "networks/not-utf-8.yaml": NETWORK.encode("utf-8").replace(b"A story.", b"A story \xff."),
    "networks/empty.yaml": "# nothing yet\n",
    "networks/not-a-mapping.yaml": "- a list\n",
    "networks/unclosed.yaml": NETWORK.replace("origin: [KG]", "origin: [KG"),
}
"""Every kind of file the helper's checks must send to the strict parse or that yaml-rs
cannot read, beside the plain ones."""


STARTED = workers.Started


def _loaded(content, monkeypatch, helper: bool, started: list | None = None, after_misses: int = 1):
    """The records, failed files and errors; `started` notes each helper forked."""
    monkeypatch.setattr(parsing, "HELPER_FROM", 0)
    monkeypatch.setattr(parsing, "HELPER_AFTER_MISSES", after_misses)  # 1: from the second file on
    monkeypatch.setattr(workers, "count", lambda jobs, threshold: 2 if helper else 1)

    class Noted(STARTED):
        def __init__(self, job, shared):
            (started if started is not None else []).append(len(shared[0]))
            super().__init__(job, shared)

    monkeypatch.setattr(workers, "Started", Noted)
    records, errors = load(content)
    models = {(name, slug): entry.model for name, entries in records.collections.items()
              for slug, entry in entries.items()}
    return models, sorted(records.failed), errors


def test_a_register_parsed_with_a_helper_loads_as_in_one_process(tmp_path, monkeypatch):
    monkeypatch.setenv(DISABLE_VARIABLE, "1")
    content = write_content(tmp_path, UNUSUAL)
    single = _loaded(content, monkeypatch, helper=False)
    started = []
    with_helper = _loaded(content, monkeypatch, helper=True, started=started)
    assert started and with_helper == single
    models, failed, errors = with_helper
    assert models[("networks", "yaml-1-2-numbers")].also_known_as == ["0x1F", "1_000", ".inf"]
    assert ("networks", "with-a-lone-cr") in models  # a line break to the strict parse too
    assert {slug for _name, slug in failed} == {"with-an-anchor", "with-a-tab", "not-utf-8", "empty",
                                                 "not-a-mapping", "unclosed"}
    assert {error.path.rsplit("/", 1)[-1] for error in errors} == {
        f"{slug}.yaml" for _name, slug in failed}


def test_files_the_helper_found_plain_are_cached_and_a_warm_cache_needs_no_helper(tmp_path, monkeypatch):
    content = write_content(tmp_path, UNUSUAL)
    single = _loaded(write_content(tmp_path / "single", UNUSUAL), monkeypatch, helper=False)
    first, second = [], []
    never_cached = len(UNUSUAL)  # each goes to the strict parse, or fails
    assert _loaded(content, monkeypatch, True, first, after_misses=never_cached + 1) == single
    assert _loaded(content, monkeypatch, True, second, after_misses=never_cached + 1) == single
    assert first and not second, "every plain file came from the cache the second time"


def test_a_verdict_counts_only_for_the_bytes_it_was_made_for(tmp_path, monkeypatch):
    """A file changed between the helper's read and this process's is parsed again with every check."""
    monkeypatch.setenv(DISABLE_VARIABLE, "1")
    content = write_content(tmp_path, {"networks/second.yaml": NETWORK})
    networks = sorted((content / "networks").glob("*.yaml"))
    monkeypatch.setattr(parsing, "HELPER_AFTER_MISSES", 1)
    monkeypatch.setattr(parsing, "_verdicts", lambda shared: [(b"bytes read before an edit", True)] * len(shared[0]))
    monkeypatch.setattr(workers, "count", lambda jobs, threshold: 2)
    files = parsing.ParsedFiles(networks, parsing.ParseCache.for_content(None))
    parsed = list(files)
    (index, (corrected, key)), = list(files.corrected())
    files.close()
    assert index == 1 and key == parsed[1][1] and corrected.data == parsed[1][0].data
