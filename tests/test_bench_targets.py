"""The benchmark says, for each target of issue 13, whether this run met it."""

from __future__ import annotations

from bench import targets

AT_TEN_THOUSAND = {"clean": 93.9, "ratio": 9.6, "check": 4.8, "peak": 615, "rebuild": 29.4,
                   "record_page": 48.0, "home_page": 22.3}


def test_each_target_is_judged_at_ten_thousand_networks():
    verdicts = targets.verdicts(10_000, AT_TEN_THOUSAND)
    assert verdicts["ratio"] == verdicts["rebuild"] == "NOT MET"
    assert verdicts["check"] == verdicts["peak"] == verdicts["record_page"] == verdicts["home_page"] == "met"
    assert verdicts["curators_peak"] == verdicts["growth"] == "not measured"
    lines = targets.report(10_000, AT_TEN_THOUSAND)
    assert any("clean build / Hugo" in line and "9.60 ×" in line and line.endswith("NOT MET") for line in lines)


def test_another_size_judges_only_the_readers_side():
    verdicts = targets.verdicts(1_000, {**AT_TEN_THOUSAND, "check": 1.3, "home_page": 120.0})
    assert verdicts["check"] == verdicts["ratio"] == "-"
    assert verdicts["home_page"] == "NOT MET" and verdicts["record_page"] == "met"
    assert "only the readers' side is judged" in targets.report(1_000, AT_TEN_THOUSAND)[0]


def test_a_ratio_of_exactly_one_is_met_and_a_limit_reached_is_not():
    verdicts = targets.verdicts(10_000, {"ratio": 1.0, "check": 5.0})
    assert verdicts["ratio"] == "met" and verdicts["check"] == "NOT MET"


def test_growth_compares_with_the_last_run_at_a_tenth_of_the_size(tmp_path):
    targets.save(tmp_path, 1_000, ["en"], {"clean": 9.6})
    grown = targets.with_growth(tmp_path, 10_000, ["en"], {"clean": 96.0})
    assert round(grown["growth"], 2) == 10.0
    assert "growth" not in targets.with_growth(tmp_path, 10_000, ["en", "ru"], {"clean": 96.0})
