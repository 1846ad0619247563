"""Timelines: each network's active period and removals against the elections it touched."""

from __future__ import annotations

from pipeline.render.charts.figure import (Cell, Chart, Table, axis, base_layout, colour, figure, first_day,
                                           label, last_day, middle_day, trace)
from pipeline.render.charts.view import View

# Tick labels in numbers, which read the same in every language: days, months or years.
DATE_TICKS = [{"dtickrange": [None, 28 * 86_400_000], "value": "%Y-%m-%d"},  # under four weeks, in ms
              {"dtickrange": ["M1", "M12"], "value": "%Y-%m"},
              {"dtickrange": ["M12", None], "value": "%Y"}]


def timeline(view: View, slugs: list[str], chart_id: str, title: str, summary: str) -> Chart | None:
    """One row per network: active period as a line, removals and polling days as markers."""
    networks = [s for s in slugs if _has_dates(view, s)]
    if not networks:
        return None
    networks.sort(key=lambda s: (_first(view, s), s))
    rows = list(range(len(networks)))
    end = max(_last(view, s) for s in networks)
    traces = [t for t in (_active_trace(view, networks, end), _takedown_trace(view, networks),
                          _election_trace(view, networks)) if t["x"]]  # an empty trace is a legend entry for nothing
    layout = (base_layout(
        view.lang, 140 + 60 * len(networks), annotations=_row_names(view, networks),
        xaxis=axis(view.gettext("Date"), type="date", tickformatstops=DATE_TICKS, nticks=6),
        yaxis=axis("", tickvals=rows, showticklabels=False, range=[len(networks) - 0.5, -0.75], showgrid=False)))
    return Chart(chart_id, title, summary, figure(traces, layout), Table(
        [view.gettext("Network"), view.gettext("Event"), view.gettext("Date")], _table(view, networks)))


def _row_names(view: View, networks: list[str]) -> list[dict]:
    """Each row's network named above its line, so phones keep the full width for dates."""
    return [{"text": label(view.name("networks", s)), "xref": "paper", "x": 0, "xanchor": "left", "y": row - 0.28,
             "yanchor": "bottom", "showarrow": False, "font": {"size": 12}} for row, s in enumerate(networks)]


def _has_dates(view: View, slug: str) -> bool:
    network = view.register.networks[slug]
    return bool(network.takedowns or network.active or network.elections)


def _dates(view: View, slug: str) -> list[str]:
    network = view.register.networks[slug]
    dates = [middle_day(t.date) for t in network.takedowns]
    dates += [middle_day(view.register.elections[e].date) for e in network.elections]
    if network.active:
        dates += [first_day(network.active.from_)] + ([last_day(network.active.to)] if network.active.to else [])
    return dates


def _first(view: View, slug: str) -> str:
    return min(_dates(view, slug))


def _last(view: View, slug: str) -> str:
    return max(_dates(view, slug))


def _active_trace(view: View, networks: list[str], end: str) -> dict:
    """Known active periods as thick lines; an ongoing one runs to the chart's last date."""
    x, y, text, links = [], [], [], []
    for row, slug in enumerate(networks):
        active = view.register.networks[slug].active
        if active:
            until = view.date(active.to) if active.to else view.gettext("ongoing")
            hover = f"{label(view.name('networks', slug))}: {view.date(active.from_)} – {until}"
            x += [first_day(active.from_), last_day(active.to) if active.to else end, None]
            y += [row, row, None]
            text += [hover, hover, None]
            links += [view.href("networks", slug)] * 2 + [None]
    return trace("scatter", x=x, y=y, mode="lines", name=view.gettext("Active period"), line={"width": 10, "color": colour(4)},
                      hovertext=text, hoverinfo="text", customdata=links, connectgaps=False)


def _takedown_trace(view: View, networks: list[str]) -> dict:
    x, y, text, links = [], [], [], []
    for row, slug in enumerate(networks):
        for takedown in view.register.networks[slug].takedowns:
            x.append(middle_day(takedown.date))
            y.append(row)
            text.append(view.gettext("Removal announced by %(platform)s") % {"platform": label(view.name("actors", takedown.platform))}
                        + f": {view.date(takedown.date)}")
            links.append(view.href("networks", slug))
    return trace("scatter", x=x, y=y, mode="markers", name=view.gettext("Removal announced"), hovertext=text,
                      hoverinfo="text", customdata=links,
                      marker={"symbol": "x", "size": 13, "color": colour(3), "line": {"width": 1.5, "color": colour(3)}})


def _election_trace(view: View, networks: list[str]) -> dict:
    x, y, text, links = [], [], [], []
    for row, slug in enumerate(networks):
        for election in view.register.networks[slug].elections:
            date = view.register.elections[election].date
            x.append(middle_day(date))
            y.append(row)
            text.append(f"{label(view.name('elections', election))}: {view.date(date)}")
            links.append(view.href("elections", election))
    return trace("scatter", x=x, y=y, mode="markers", name=view.gettext("Election (polling day)"), hovertext=text,
                      hoverinfo="text", customdata=links,
                      marker={"symbol": "star", "size": 16, "color": colour(1), "line": {"width": 1, "color": "#1a1a1a"}})


def _table(view: View, networks: list[str]) -> list[list[Cell]]:
    """One row per event, in the chart's order: active period, removals, elections."""
    rows, active, removal = [], Cell(view.gettext("Active period")), {}
    for slug in networks:
        network, name = view.register.networks[slug], view.cell("networks", slug)
        if network.active:
            until = view.date(network.active.to) if network.active.to else view.gettext("ongoing")
            rows.append([name, active, Cell(f"{view.date(network.active.from_)} – {until}")])
        for takedown in network.takedowns:
            if takedown.platform not in removal:
                removal[takedown.platform] = Cell(view.gettext("Removal announced by %(platform)s")
                                                  % {"platform": view.name("actors", takedown.platform)})
            rows.append([name, removal[takedown.platform], Cell(view.date(takedown.date))])
        for election in network.elections:
            rows.append([name, view.cell("elections", election),
                         Cell(view.date(view.register.elections[election].date))])
    return rows
