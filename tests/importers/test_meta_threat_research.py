"""`build.py import meta-threat-research` on three small networks: records, re-runs, problems."""

from __future__ import annotations

from pathlib import Path

from pipeline import validate
from pipeline.importers import run_import
from pipeline.yamlfile import parse

from tests.importers.samples import COMMIT, GHANA_CSV, INPUTS, blob_sha, write_tree

BLOB = f"https://github.com/facebook/threat-research/blob/{COMMIT}/"
MOLDOVA = "meta-2025-q2-q3-moldova-1"
CROATIA = "meta-2024-q1-croatia-1"
GHANA = "meta-2024-q4-ghana-1"
MOLDOVA_CSV_SOURCE = "meta-ttps-q2-3-2025-githubiocs-q2-3-2025-moldova-based-cib-network"
MOLDOVA_SUMMARY_SOURCE = "meta-h2-2025-moldova-based-cib-network"
CROATIA_SOURCE = "meta-ttps-q1-2024-croatia-based-cib-network"
GHANA_SOURCE = "meta-ttps-q4-2024-ghana-based-cib-network"


def run(meta: Path, content: Path, dry_run: bool = False):
    return run_import("meta-threat-research", meta, content, dry_run=dry_run, commit=COMMIT)


def record(content: Path, collection: str, slug: str) -> dict:
    return parse((content / collection / f"{slug}.yaml").read_text(encoding="utf-8")).data


def without(data: dict, *keys: str) -> dict:
    return {key: value for key, value in data.items() if key not in keys}


def test_network_with_a_summary(meta_copy, content):
    report = run(meta_copy, content)
    assert report.exit_code == 0, report.format()
    data = record(content, "networks", MOLDOVA)
    assert without(data, "body", "imported") == {
        "name": "Moldova-based network (Meta, Q2-Q3 2025)",
        "summary": "Moldova-based network targeting Moldova; Meta removed 15 Facebook accounts, 6 Pages, "
                   "7 Groups and 4 Instagram accounts (reported for Q2-Q3 2025).",
        "status": "removed",
        "origin": ["MD"],
        "targets": ["MD"],
        "period": "Q2-Q3 2025",
        "takedowns": [
            {"platform": "facebook", "date": 2025, "source": MOLDOVA_CSV_SOURCE,
             "removed": {"accounts": 15, "pages": 6, "groups": 7}},
            {"platform": "instagram", "date": 2025, "source": MOLDOVA_CSV_SOURCE, "removed": {"accounts": 4}},
        ],
        "audience": [
            {"platform": "facebook", "metric": "page-followers", "count": 6300, "approximate": True,
             "source": MOLDOVA_SUMMARY_SOURCE},
            {"platform": "instagram", "metric": "account-followers", "count": 119400, "approximate": True,
             "source": MOLDOVA_SUMMARY_SOURCE},
        ],
        "killchain": ["0.6.2", "0.9.1", "0.9.2", "0.9.4", "0.9.6", "7.1.1", "7.2.2"],
        "also_on": ["tiktok", "twitter", "youtube"],  # X is the curators' existing 'twitter' record
        "sources": [MOLDOVA_SUMMARY_SOURCE, MOLDOVA_CSV_SOURCE],
    }
    assert data["imported"]["from"] == "meta-threat-research"
    assert data["imported"]["path"] == INPUTS["cib-network-ttps/q2-3_2025_moldova_based_cib_network.csv"][0]
    assert data["imported"]["commit"] == COMMIT
    body = data["body"]["en"] if isinstance(data["body"], dict) else data["body"]
    assert "> We disrupted a domestic network originating in and targeting Moldova." in body
    assert f"({BLOB}indicators/meta-h2-2025-moldova-based-cib-network.md)" in body
    assert "example_news" not in body and "example-news" not in body  # no indicators republished


def test_network_from_a_file_with_odd_headers(meta_copy, content):
    report = run(meta_copy, content)
    data = record(content, "networks", CROATIA)
    assert without(data, "body", "imported") == {
        "name": "Croatia-based network (Meta, Q1 2024)",
        "summary": "Croatia-based network; Meta removed 104 Facebook accounts, 39 Pages and 7 Instagram accounts "
                   "(reported for Q1 2024).",
        "status": "removed",
        "origin": ["HR"],
        "period": "Q1 2024",
        "takedowns": [
            {"platform": "facebook", "date": 2024, "source": CROATIA_SOURCE, "removed": {"accounts": 104, "pages": 39}},
            {"platform": "instagram", "date": 2024, "source": CROATIA_SOURCE, "removed": {"accounts": 7}},
        ],
        "audience": [{"platform": "instagram", "metric": "account-followers", "count": 150, "approximate": True,
                      "source": CROATIA_SOURCE}],
        "ad_spend": [{"platform": "facebook", "amount": 20, "currency": "USD", "approximate": True,
                      "source": CROATIA_SOURCE}],
        "killchain": ["0.9.1", "0.9.2", "1.1.1", "7.1.1", "7.2.3", "7.2.4"],
        "sources": [CROATIA_SOURCE],
    }
    assert any("'less than 100 accounts joined this Group' is a bound" in note for note in report.notes)


def test_network_from_a_file_with_blank_rows(meta_copy, content):
    run(meta_copy, content)
    data = record(content, "networks", GHANA)
    assert data["takedowns"] == [
        {"platform": "facebook", "date": 2024, "source": GHANA_SOURCE, "removed": {"accounts": 42, "pages": 1}},
    ]
    assert data["audience"] == [{"platform": "facebook", "metric": "page-followers", "count": 38000,
                                 "approximate": True, "source": GHANA_SOURCE}]
    assert "ad_spend" not in data  # '$10,200 in spending for ads' names no platform...
    assert "“About $10,200 in spending for ads, paid for mostly in US dollars.”" in data["body"]  # ...so it is quoted
    assert data["killchain"] == ["0.9.1", "0.9.2", "6.2.4", "7.1.1", "7.2.2"]
    assert data["also_on"] == ["twitter"]


def test_sources_cite_each_file_at_the_pinned_commit(meta_copy, content):
    run(meta_copy, content)
    csv_source = record(content, "sources", GHANA_SOURCE)
    assert without(csv_source, "note") == {
        "title": "Q4_2024 GHANA_BASED_CIB_NETWORK.csv",
        "publisher": "meta",
        "url": f"{BLOB}indicators/csv/Q4_2024/%20Q4_2024%20GHANA_BASED_CIB_NETWORK.csv",
        "language": "en",
        "kind": "dataset",
    }
    summary = record(content, "sources", MOLDOVA_SUMMARY_SOURCE)
    assert summary["title"] == "Indicators of Compromise: Moldova-Based Influence Operation Network Targeting Moldova"
    assert summary["url"] == f"{BLOB}indicators/meta-h2-2025-moldova-based-cib-network.md"


def test_records_and_platforms_pass_the_whole_check(meta_copy, content):
    report = run(meta_copy, content)
    assert report.counts() == {"new": 9}  # 3 networks, 4 sources, tiktok and youtube (X exists as twitter)
    assert record(content, "actors", "tiktok") == {"name": "TikTok", "kind": "platform",
                                                   "website": "https://www.tiktok.com/",
                                                   "description": "Short-video platform."}
    assert not (content / "actors" / "x.yaml").exists()
    _records, problems = validate(content)
    assert problems == []
    for path in (content / "networks").iterdir():
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/json/network.json\n")


def test_reimport_is_a_no_op(meta_copy, content):
    run(meta_copy, content)
    before = {path: path.read_bytes() for path in content.rglob("*.yaml")}
    report = run(meta_copy, content)
    assert report.counts() == {"unchanged": 7}
    assert not report.written
    assert {path: path.read_bytes() for path in content.rglob("*.yaml")} == before


def test_a_curators_edit_survives_reimport(meta_copy, content):
    run(meta_copy, content)
    edited = content / "networks" / f"{CROATIA}.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("status: removed", "status: partially-removed"),
                      encoding="utf-8")
    untouched = content / "networks" / f"{GHANA}.yaml"
    untouched.write_text("# a comment is not an edit\n" + untouched.read_text(encoding="utf-8"), encoding="utf-8")
    ghana_csv = meta_copy / "cib-network-ttps/q4_2024_ghana_based_cib_network.csv"
    ghana_csv.write_text(GHANA_CSV.replace("42 accounts", "43 accounts"), encoding="utf-8")
    manifest = meta_copy / "MANIFEST.csv"
    manifest.write_text(manifest.read_text().replace(blob_sha(GHANA_CSV), ""), encoding="utf-8")

    report = run(meta_copy, content)

    statuses = {change.path: change.status for change in report.changes}
    assert statuses[f"networks/{CROATIA}.yaml"] == "skipped-edited"
    assert statuses[f"networks/{GHANA}.yaml"] == "updated"
    assert "status: partially-removed" in edited.read_text(encoding="utf-8")
    assert record(content, "networks", GHANA)["takedowns"][0]["removed"]["accounts"] == 43
    assert f"skipped-edited         networks/{CROATIA}.yaml" in report.format()


def test_unreadable_rows_are_reported_with_file_and_line(meta_copy, content):
    report = run(meta_copy, content)
    found = [problem.format() for problem in report.problems]
    assert found == [
        "cib-network-ttps/q4_2024_ghana_based_cib_network.csv:6: could not read an asset count from "
        "'many accounts' (expected e.g. '23 Pages')",
        "cib-network-ttps/q4_2024_ghana_based_cib_network.csv:8: kill-chain code '0.9.11' is not in Meta's "
        "taxonomy: left out of killchain — the taxonomy lists 'creating online petitions' as 0.9.11.0",
    ]
    assert report.exit_code == 0  # the rest of the file, and the other files, were imported


def test_dry_run_lists_changes_and_writes_nothing(meta_copy, content):
    before = sorted(path.relative_to(content) for path in content.rglob("*"))
    report = run(meta_copy, content, dry_run=True)
    assert report.counts() == {"new": 9}
    assert sorted(path.relative_to(content) for path in content.rglob("*")) == before
    assert report.summary_line().startswith("would write: 9 new")


def test_nothing_is_written_when_a_record_would_be_invalid(meta_copy, content):
    (content / "actors" / "meta.yaml").unlink()  # every source names 'meta' as publisher
    report = run(meta_copy, content)
    assert report.exit_code == 1
    assert not report.written
    assert not (content / "networks").exists()
    assert any(error.message == "no actor 'meta'" for error in report.invalid)


def test_a_copy_that_differs_from_the_manifest_is_skipped(meta_copy, content):
    (meta_copy / "cib-network-ttps/q1_2024_croatia_based_cib_network.csv").write_text("changed", encoding="utf-8")
    report = run(meta_copy, content)
    assert [p.path for p in report.problems][:1] == ["cib-network-ttps/q1_2024_croatia_based_cib_network.csv"]
    assert "differs from indicators/csv/Q1_2024/Q1_2024_Croatia_Based_CIB_Network.csv" in report.problems[0].message
    assert not (content / "networks" / f"{CROATIA}.yaml").exists()


def test_a_checkout_of_the_upstream_repository(tmp_path, content):
    checkout = write_tree(tmp_path / "threat-research", {upstream: text for upstream, text in INPUTS.values()})
    report = run(checkout, content)
    assert report.exit_code == 0, report.format()
    assert report.counts() == {"new": 9}
    assert record(content, "networks", CROATIA)["imported"]["path"] == "indicators/csv/Q1_2024/Q1_2024_Croatia_Based_CIB_Network.csv"


def test_input_that_is_not_meta_data_is_a_usage_error(tmp_path, content):
    report = run_import("meta-threat-research", tmp_path, content)
    assert report.exit_code == 2
    assert "neither a checkout" in report.format()
