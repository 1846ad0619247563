"""Charts on the built site: the numbers match the records, every chart can be read without
JavaScript (title, summary, table), and plotly.js loads only where a chart is shown."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from conftest import write_content
from pipeline import build, validate
from pipeline.register import Register
from pipeline.render.i18n import format_money
from sitepages import parse, resolve, text_of

EXTRA = {
    "actors/other-platform.yaml": "name: Other Platform\nkind: platform\n",
    "actors/test-politician.yaml": """\
name: Test Politician
kind: person
affiliations:
  - actor: test-party
    role: party leader
    confidence: reported
    sources: [test-report]
""",
    "actors/test-party.yaml": "name: Test Party\nkind: party\n",
    "networks/second-network.yaml": """\
name: "Second </script><script>alert(1)</script> network"
summary: Another network for tests.
status: removed
origin: [RU, KG]
takedowns:
  - platform: test-platform
    date: 2019-05
    source: test-report
    removed: {accounts: 5, groups: 1}
  - platform: other-platform
    date: 2020
    source: test-report
    removed: {accounts: 7, channels: 3}
ad_spend:
  - {platform: test-platform, amount: 100, currency: RUB, source: test-report}
  - {platform: other-platform, amount: 50, currency: USD, approximate: true, source: test-report}
stances:
  - actor: test-politician
    stance: promoted
    confidence: alleged
    sources: [test-report]
elections: [test-election]
sources: [test-report]
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("charts")
    build(write_content(root, EXTRA), root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def register(site) -> Register:
    records, _problems = validate(site.parent / "content")
    return Register.from_records(records)


def charts_on(page: Path) -> dict[str, dict]:
    """Each chart section on a page: its title, summary, figure data and table rows."""
    charts = {}
    for section in parse(page).iter("section"):
        if "chart" not in (section.get("class") or "").split():
            continue
        block = next(s for s in section.iter("script") if s.get("type") == "application/json")
        table = next(section.iter("table"))
        charts[section.get("id").removeprefix("chart-")] = {
            "title": text_of(next(section.iter("h2"))),
            "summary": text_of(next(p for p in section.iter("p") if p.get("class") == "chart-summary")),
            "figure": json.loads(block.text),
            "columns": [text_of(th) for th in table.find("thead").iter("th")],
            "rows": [[text_of(cell) for cell in tr] for tr in table.find("tbody").iter("tr")],
            "values": [[cell.get("data-value") for cell in tr] for tr in table.find("tbody").iter("tr")],
        }
    return charts


def test_charts_page_has_every_register_chart(site):
    assert list(charts_on(site / "charts" / "index.html")) == [
        "networks-by-origin", "assets-by-platform", "ad-spend", "election-timeline", "relationship-graph"]
    assert list(charts_on(site / "ru" / "charts" / "index.html")) == list(charts_on(site / "charts" / "index.html"))


def test_accounts_removed_per_year_match_the_records(site, register):
    chart = charts_on(site / "charts" / "index.html")["assets-by-platform"]
    column = chart["columns"].index("Accounts")
    shown = Counter()
    for row, values in zip(chart["rows"], chart["values"]):
        shown[int(row[0])] += int(values[column])
    expected = Counter()
    for network in register.networks.values():
        for takedown in network.takedowns:
            expected[takedown.date.year] += takedown.removed.accounts or 0
    assert shown == expected == Counter({2019: 5, 2020: 7, 2021: 10})


def test_networks_per_year_count_each_origin(site):
    chart = charts_on(site / "charts" / "index.html")["networks-by-origin"]
    assert chart["columns"][0] == "Year" and set(chart["columns"][1:]) == {"Kyrgyzstan", "Russia"}
    table = {row[0]: dict(zip(chart["columns"][1:], row[1:])) for row in chart["rows"]}
    assert table == {"2019": {"Kyrgyzstan": "1", "Russia": "1"}, "2020": {"Kyrgyzstan": "0", "Russia": "0"},
                     "2021": {"Kyrgyzstan": "1", "Russia": "0"}}
    assert "2 networks" in chart["summary"]


def test_ad_spend_stays_in_the_currency_the_source_states(site):
    chart = charts_on(site / "charts" / "index.html")["ad-spend"]
    assert [row[1:] for row in chart["rows"]] == [["RUB", format_money(100, "RUB", "en")],
                                                  ["USD", "≈ " + format_money(50, "USD", "en")]]
    traces = chart["figure"]["data"]
    assert [(t["x"], t["name"]) for t in traces] == [([100], "RUB"), ([50], "USD")]
    assert [t["xaxis"] for t in traces] == ["x", "x2"]  # one axis per currency, never one scale


def test_every_chart_reads_without_javascript(site):
    pages = [site / "charts" / "index.html", site / "networks" / "test-network" / "index.html",
             site / "actors" / "test-politician" / "index.html", site / "elections" / "test-election" / "index.html"]
    for page in pages:
        charts = charts_on(page)
        assert charts, page
        for chart in charts.values():
            assert chart["title"] and chart["summary"].endswith(".") and chart["rows"]
            layout = chart["figure"]["layout"]
            axes = [axis for name, axis in layout.items() if name[1:5] == "axis" and axis.get("visible", True)]
            titles = [axis["title"]["text"] for axis in axes if axis.get("title", {}).get("text")]
            assert not axes or any("(" in title or title == "Date" for title in titles), (page, titles)
            assert {trace["type"] for trace in chart["figure"]["data"]} <= {"bar", "scatter"}
            assert "template" not in layout and "mathjax" not in json.dumps(chart["figure"]).lower()
        tree = parse(page)
        plots = [div for div in tree.iter("div") if div.get("class", "").startswith("chart-plot")]
        assert all(div.get("hidden") is not None and div.get("role") is None for div in plots)
        assert all(d.get("open") is not None for d in tree.iter("details") if d.get("class") == "chart-table")


def test_content_cannot_end_the_data_block(site):
    raw = (site / "charts" / "index.html").read_text(encoding="utf-8")
    assert "alert(1)</script>" not in raw
    scripts = [s for s in parse(site / "charts" / "index.html").iter("script")]
    assert all(s.get("src") or s.get("type") == "application/json" for s in scripts)
    graph = charts_on(site / "charts" / "index.html")["relationship-graph"]["figure"]["data"]
    labels = [text for trace in graph if trace.get("mode") == "markers+text" for text in trace["text"]]
    assert any("&lt;/script&gt;" in text for text in labels)  # plotly shows it as text, never as markup


def _scripts(page: Path) -> list[str]:
    return [s.get("src") for s in parse(page).iter("script") if s.get("src")]


def test_plotly_loads_only_on_pages_with_charts(site):
    for page in ("charts", "networks/test-network", "actors/test-politician", "elections/test-election"):
        scripts = _scripts(site / page / "index.html")
        assert any(src.endswith("static/js/plotly.min.js") for src in scripts), page
        tree = parse(site / page / "index.html")
        body = list(tree.find("body"))
        plotly = next(s for s in body if s.tag == "script" and s.get("src", "").endswith("plotly.min.js"))
        assert plotly.get("defer") is not None and body.index(plotly) > body.index(tree.find(".//main"))
    for page in ("sources/test-report", "tactics/test-tactic", "networks", ""):
        assert not any("plotly" in src or "charts.js" in src for src in _scripts(site / page / "index.html")), page
    bundle = resources.files("plotly") / "package_data" / "plotly.min.js"
    assert (site / "static" / "js" / "plotly.min.js").read_bytes() == bundle.read_bytes()


def test_record_pages_chart_their_own_ties(site):
    timeline = charts_on(site / "networks" / "test-network" / "index.html")["network-timeline"]
    assert [row[1] for row in timeline["rows"]] == ["Removal announced by Test Platform", "Test election"]
    ties = charts_on(site / "actors" / "test-party" / "index.html")["actor-ties"]
    named = {cell for row in ties["rows"] for cell in (row[0], row[2])}
    assert {"Test Party", "Test Politician"} <= named  # first degree
    assert any(name.startswith("Second") for name in named)  # second degree, through the politician
    assert "Test election" not in named  # third degree stays out
    election = charts_on(site / "elections" / "test-election" / "index.html")["election-networks"]
    assert {row[0] for row in election["rows"]} == {"Test network", "Second </script><script>alert(1)</script> network"}


def test_clickable_points_open_existing_pages(site):
    for page in (site / "charts" / "index.html", site / "ru" / "actors" / "test-party" / "index.html"):
        for chart in charts_on(page).values():
            for trace in chart["figure"]["data"]:
                for link in trace.get("customdata") or []:
                    if link:
                        target, _anchor = resolve(site, page, link)
                        assert target.is_file(), (page, link)


def test_charts_are_reproducible(site, tmp_path):
    again = tmp_path / "site"
    build(site.parent / "content", again)
    for page in ("charts/index.html", "ru/actors/test-party/index.html", "networks/test-network/index.html"):
        assert (again / page).read_bytes() == (site / page).read_bytes()


def test_every_figure_is_valid_plotly(site):
    """Record-page figures are plain data for speed; plotly itself checks them here."""
    import plotly.graph_objects as go

    pages = [site / "charts" / "index.html"] + sorted(site.glob("*/*/index.html"))
    checked = 0
    for page in pages:
        for chart in charts_on(page).values():
            spec = {key: value for key, value in chart["figure"].items() if key != "config"}
            go.Figure(spec)  # raises on any property plotly.js would not understand
            checked += 1
    assert checked >= 5
