"""The bar charts of /charts/: networks per year by origin, assets per platform, ad spend.

Each builder returns None when the register holds nothing to draw, so the page never
shows an empty chart. Figures and tables are built from the same rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from pipeline.render.charts.figure import Cell, Chart, Table, axis, base_layout, colour, finish
from pipeline.render.charts.figure import label as _label
from pipeline.render.charts.view import View

CHART_KINDS = ("accounts", "pages", "groups", "channels")
TOP_COUNTRIES = 6  # more stacked colours than this cannot be told apart
TOP_SPENDERS = 15  # bars per currency in the figure; the table lists every network


def _plotly():
    """plotly's figure classes, imported when a site-wide chart is drawn (importing them
    costs a tenth of a second, which the preview's page renderer should not pay)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots
    return go, make_subplots


def _years(years) -> list[int]:
    """Every year from the first to the last, so gaps show as empty years."""
    return list(range(min(years), max(years) + 1)) if years else []


def networks_by_origin(view: View) -> Chart | None:
    """How many networks were first removed each year, by the country they were run from."""
    go, _ = _plotly()
    counts: dict[int, Counter] = defaultdict(Counter)
    for slug, network in view.register.networks.items():
        if network.takedowns:
            for code in network.origin or [""]:
                counts[view.register.facts[slug].year][code] += 1
    if not counts:
        return None
    years = _years(counts)
    totals = sum(counts.values(), Counter())
    series = [(label, [sum(counts[year][code] for code in codes) for year in years])
              for label, codes in _country_groups(view, totals)]
    fig = go.Figure()
    for index, (label, values) in enumerate(series):
        fig.add_trace(go.Bar(x=[str(y) for y in years], y=values, name=_label(label), marker={"color": colour(index)},
                             hovertemplate="%{x}: %{y}<extra>" + label + "</extra>"))
    fig.update_layout(base_layout(view.lang, 380, barmode="stack",
                                  xaxis=axis(view.gettext("Year of first removal"), type="category"),
                                  yaxis=axis(view.gettext("Networks (count)"), rangemode="tozero", tickformat="d")))
    total = len({slug for slug, n in view.register.networks.items() if n.takedowns})
    period = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    summary = view.ngettext(
        "%(count)s network removed in %(period)s; one run from several countries counts once for each.",
        "%(count)s networks removed in %(period)s; one run from several countries counts once for each.",
        total) % {"count": view.number(total), "period": period}
    columns = [view.gettext("Year")] + [label for label, _values in series]
    rows = [[Cell(str(year))] + [Cell(view.number(values[i]), value=values[i]) for _label, values in series]
            for i, year in enumerate(years)]
    return Chart("networks-by-origin", view.gettext("Networks removed per year, by country they were run from"),
                 summary, finish(fig), Table(columns, rows))


def _country_groups(view: View, totals: Counter) -> list[tuple[str, set[str]]]:
    """The most frequent origins by name, then the rest together as 'Other countries'."""
    ranked = sorted(totals, key=lambda code: (-totals[code], code == "", view.country(code) if code else ""))
    named = ranked if len(ranked) <= TOP_COUNTRIES + 1 else ranked[:TOP_COUNTRIES]
    groups = [(view.country(code) if code else view.gettext("Origin not stated"), {code}) for code in named]
    if len(ranked) > len(named):
        groups.append((view.gettext("Other countries"), set(ranked[len(named):])))
    return groups


def assets_by_platform(view: View) -> Chart | None:
    """Accounts, Pages, Groups and channels removed each year, stacked by platform."""
    go, make_subplots = _plotly()
    removed: dict[tuple[int, str], Counter] = defaultdict(Counter)
    for network in view.register.networks.values():
        for takedown in network.takedowns:
            for kind, count in takedown.removed.items():
                if kind in CHART_KINDS:
                    removed[(takedown.date.year, takedown.platform)][kind] += count
    kinds = [kind for kind in CHART_KINDS if any(kind in c for c in removed.values())]
    if not kinds:
        return None
    years = _years({year for year, _p in removed})
    platforms = sorted({p for _y, p in removed}, key=lambda p: view.name("actors", p))
    labels = _kind_labels(view)
    fig = make_subplots(rows=len(kinds), cols=1, shared_xaxes=True, vertical_spacing=0.25 / len(kinds),
                        subplot_titles=[labels[kind] for kind in kinds])
    for index, platform in enumerate(platforms):
        name = _label(view.name("actors", platform))
        for row, kind in enumerate(kinds, 1):
            values = [removed[(year, platform)][kind] for year in years]
            fig.add_trace(go.Bar(x=[str(y) for y in years], y=values, name=name, legendgroup=platform,
                                 showlegend=row == 1, marker={"color": colour(index)},
                                 hovertemplate="%{x}: %{y}<extra>" + name + "</extra>"), row=row, col=1)
    fig.update_layout(base_layout(view.lang, 110 + 170 * len(kinds), barmode="stack"))
    for row, kind in enumerate(kinds, 1):
        fig.update_yaxes(axis(view.gettext("Removed (count)"), rangemode="tozero", tickformat="~s"), row=row, col=1)
        fig.update_xaxes(axis(view.gettext("Year of removal") if row == len(kinds) else "", type="category"),
                         row=row, col=1)
    columns = [view.gettext("Year"), view.gettext("Platform")] + [labels[kind] for kind in kinds]
    rows = [[Cell(str(year)), view.cell("actors", platform)]
            + [Cell(view.number(removed[(year, platform)][kind]), value=removed[(year, platform)][kind]) for kind in kinds]
            for year in years for platform in platforms if (year, platform) in removed]
    summary = view.gettext("What platforms said they removed each year, as the sum over every takedown in the register.")
    return Chart("assets-by-platform", view.gettext("Assets removed per platform and year"),
                 summary, finish(fig), Table(columns, rows))


def _kind_labels(view: View) -> dict[str, str]:
    return {"accounts": view.gettext("Accounts"), "pages": view.gettext("Pages"),
            "groups": view.gettext("Groups"), "channels": view.gettext("Channels")}


def ad_spend(view: View) -> Chart | None:
    """Ad spend per network, one panel per currency: amounts are never converted or added."""
    go, make_subplots = _plotly()
    by_currency: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for slug in view.register.networks:
        for currency, amount in view.register.facts[slug].ad_spend.items():
            by_currency[currency].append((amount, slug))
    if not by_currency:
        return None
    currencies = sorted(by_currency)
    ranked = {c: sorted(by_currency[c], key=lambda item: (-item[0], item[1])) for c in currencies}
    shown = {c: ranked[c][:TOP_SPENDERS] for c in currencies}
    height = sum(50 + 44 * len(shown[c]) for c in currencies) + 100 * len(currencies)
    fig = make_subplots(rows=len(currencies), cols=1, row_heights=[1 + len(shown[c]) for c in currencies],
                        vertical_spacing=100 / height)
    for row, currency in enumerate(currencies, 1):
        items = list(reversed(shown[currency]))  # largest at the top
        fig.add_trace(go.Bar(
            x=[amount for amount, _slug in items], y=list(range(len(items))),
            orientation="h", width=0.5, name=currency, showlegend=False, marker={"color": colour(row - 1)},
            customdata=[view.href("networks", s) for _a, s in items],
            hovertext=[f"{_label(view.name('networks', s))}: {view.money(a, currency)}" for a, s in items],
            hoverinfo="text"), row=row, col=1)
        fig.update_xaxes(axis(view.gettext("Amount (%(currency)s)") % {"currency": f"{view.currency(currency)}, {currency}"},
                              rangemode="tozero", tickformat="~s"), row=row, col=1)
        fig.update_yaxes(axis("", range=[-0.5, len(items) - 0.2], showgrid=False, showticklabels=False), row=row, col=1)
        for index, (_amount, slug) in enumerate(items):  # names above the bars: phones keep the width for them
            fig.add_annotation(text=_label(view.name("networks", slug)), xref="paper", x=0, xanchor="left",
                               yref="y" if row == 1 else f"y{row}", y=index + 0.3, yanchor="bottom",
                               showarrow=False, font={"size": 12})
    fig.update_layout(base_layout(view.lang, height, showlegend=False,
                                  margin={"l": 8, "r": 16, "t": 8, "b": 8, "pad": 4}))
    summary = view.gettext("Money spent on ads, in the currency each source states; amounts in different "
                           "currencies are shown apart and never converted or added together.")
    notes = [view.gettext("The chart shows the %(count)s largest amounts per currency; the table lists all.")
             % {"count": TOP_SPENDERS}] if any(len(ranked[c]) > TOP_SPENDERS for c in currencies) else []
    columns = [view.gettext("Network"), view.gettext("Currency"), view.gettext("Amount")]
    rows = [[view.cell("networks", s), Cell(c),
             Cell(_approximate(view, s, c) + view.money(a, c), value=a)]
            for c in currencies for a, s in ranked[c]]
    return Chart("ad-spend", view.gettext("Ad spend per network, in the currency stated"),
                 summary, finish(fig), Table(columns, rows), notes)


def _approximate(view: View, slug: str, currency: str) -> str:
    items = view.register.networks[slug].ad_spend
    return "≈ " if any(item.approximate for item in items if item.currency == currency) else ""
