"""What every chart shares: the Chart and its data table, one layout, one palette, dates.

Charts are plotly figures serialised to JSON at build time and drawn in the browser by
static/js/charts.js; the table beside each one carries the same numbers for readers
without JavaScript, screen readers and print. Nothing here depends on plotly's templates.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import plotly.graph_objects as go

from schema.fields import PartialDate

# Okabe & Ito's colour-blind-safe palette without black, so it also reads on a dark page.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442")
MUTED = "#888888"

# Everything plotly.js could fetch or show beyond the chart is off: no MathJax, no logo.
CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,  # no "Share chart..." button: nothing may leave the site
    "responsive": True,
    "typesetMath": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toImage"],
}

# Decimal and thousands separators plotly.js uses for axis ticks, per language.
SEPARATORS = {"en": ".,", "ru": ", ", "ky": ", "}


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, an optional link, and the raw number behind it."""

    text: str
    href: str | None = None
    value: float | int | None = None


@dataclass(frozen=True)
class Table:
    """The chart's data as a table: the first cell of each row is its header."""

    columns: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Chart:
    """A figure to draw, and everything a reader needs when it is not drawn."""

    id: str
    title: str
    summary: str
    figure: dict[str, Any]
    table: Table
    notes: list[str] = field(default_factory=list)
    wide: bool = False  # needs a minimum width; narrow screens scroll it sideways


def base_layout(lang: str, height: int, **extra: Any) -> dict[str, Any]:
    """The one shared layout: transparent background, system fonts, legend above the plot."""
    layout = {
        "template": "none",
        "height": height,
        "autosize": True,
        "separators": SEPARATORS.get(lang, ".,"),
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13,
                 "color": "#1a1a1a"},
        "margin": {"l": 8, "r": 8, "t": 8, "b": 8, "pad": 4},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "hoverlabel": {"namelength": -1},
        "dragmode": False,  # a finger on a chart scrolls the page
        "colorway": list(PALETTE),
    }
    layout.update(extra)
    return layout


def axis(title: str, **extra: Any) -> dict[str, Any]:
    """An axis with a title, light grid lines and room for its labels."""
    return {"title": {"text": title}, "automargin": True, "gridcolor": "#d4d4d4", "linecolor": "#888888",
            "zeroline": False, "fixedrange": True, **extra}


def finish(fig: go.Figure) -> dict[str, Any]:
    """The figure as plain JSON data for the page: deterministic, without plotly's template."""
    data = json.loads(fig.to_json())
    data["layout"].pop("template", None)
    data["config"] = CONFIG
    return data


def trace(kind: str, **properties: Any) -> dict[str, Any]:
    """A plotly trace as plain data, as plotly.js reads it.

    Record pages build thousands of small figures; plotly's graph objects validate every
    property on each one and cost more than the rest of a page. tests/site/test_charts.py
    validates every figure the site contains with plotly instead, once.
    """
    return {"type": kind, **properties}


def figure(traces: list[dict[str, Any]], layout: dict[str, Any]) -> dict[str, Any]:
    """A whole figure as plain data, like `finish` gives for a graph-objects figure."""
    return {"data": traces, "layout": {k: v for k, v in layout.items() if k != "template"}, "config": CONFIG}


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def short(text: str, limit: int = 28) -> str:
    """A label that fits beside an axis; the full text stays in hover and table."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- partial dates on a time axis ---------------------------------------------------


def first_day(date: PartialDate) -> str:
    return datetime.date(date.year, date.month or 1, date.day or 1).isoformat()


def last_day(date: PartialDate) -> str:
    if date.day:
        return first_day(date)
    if date.month:
        following = datetime.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return (following - datetime.timedelta(days=1)).isoformat()
    return datetime.date(date.year, 12, 31).isoformat()


def middle_day(date: PartialDate) -> str:
    """Where a date known only to the month or year sits on the axis: its middle."""
    if date.day:
        return first_day(date)
    return datetime.date(date.year, date.month or 7, 15 if date.month else 1).isoformat()


def label(text: str) -> str:
    """Content text for plotly labels: plotly reads a little HTML, so none may get through."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
