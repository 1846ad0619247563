"""Charts: plotly figures built at render time, drawn in the browser by static/js/charts.js.

Three entry points: `chart_pages` (the /charts/ page, a PAGES row), `record_charts`
(charts on network, actor and election pages, called from the record context) and
`plotly_js` (the plotly.js bundle copied from the installed plotly package, an OUTPUTS
row). Every chart carries a title, a one-sentence summary and a table of its data.
"""

from __future__ import annotations

from importlib import resources
from typing import Iterator

from pipeline.register import Register
from pipeline.render.charts import graph, overview
from pipeline.render.charts.figure import Chart
from pipeline.render.charts.timeline import timeline
from pipeline.render.charts.view import View
from pipeline.render.i18n import translations
from pipeline.urls import Urls

PLOTLY_JS = "js/plotly.min.js"


def chart_pages(register: Register, urls: Urls, lang: str) -> Iterator:
    """The /charts/ page: every register-wide chart that has data."""
    from pipeline.render.pages import PageData  # pages imports this module for record charts

    path = urls.section("charts", lang)
    tr = translations(lang)
    yield PageData(path, "pages/charts.html", tr.gettext("Charts"),
                   tr.gettext("What the register's numbers look like: removals, ad spend, timelines and ties."),
                   kind="charts", details=lambda: {"charts": site_charts(View(register, urls, lang, path))})


def site_charts(view: View) -> list[Chart]:
    charts = [
        overview.networks_by_origin(view),
        overview.assets_by_platform(view),
        overview.ad_spend(view),
        timeline(view, sorted(s for s, n in view.register.networks.items() if n.elections), "election-timeline",
                 view.gettext("Networks against the elections they touched"),
                 view.gettext("Each row is a network linked to an election: when it was known to be active, "
                              "when platforms announced its removal, and the polling days of its elections.")),
        graph.graph_chart(view, graph.register_graph(view), "relationship-graph",
                          view.gettext("Who is tied to which network and election"),
                          view.gettext("Networks in the middle, the people and organisations said to have run them "
                                       "on the left, whom they promoted or attacked and the elections they touched on "
                                       "the right; line style shows how certain each tie is.")),
    ]
    return [chart for chart in charts if chart is not None]


def record_charts(register: Register, urls: Urls, collection: str, slug: str, lang: str, path: str) -> list[Chart]:
    """Charts on a record page: a network's timeline, an actor's ties, an election's networks."""
    view = View(register, urls, lang, path)
    if collection == "networks" and register.networks[slug].elections:
        chart = timeline(view, [slug], "network-timeline", view.gettext("Timeline against elections"),
                         view.gettext("When this network was known to be active and removed, beside the polling "
                                      "days of the elections it was linked to."))
    elif collection == "actors":
        chart = graph.graph_chart(view, graph.neighbourhood(view, ("actors", slug)), "actor-ties",
                                  view.gettext("Ties, first and second degree"),
                                  view.gettext("The networks and people this actor is linked to, and theirs in turn; "
                                               "line style shows how certain each tie is."), centre=("actors", slug))
    elif collection == "elections":
        networks = register.election_networks.get(slug, [])
        chart = timeline(view, networks, "election-networks", view.gettext("Networks around this election"),
                         view.ngettext("%(count)s network is linked to this election: when it was active and removed.",
                                       "%(count)s networks are linked to this election: when each was active and removed.",
                                       len(networks)) % {"count": view.number(len(networks))})
    else:
        return []
    return [chart] if chart else []


def plotly_js(register: Register, urls: Urls, planned: list) -> dict[str, bytes]:
    """plotly.js as shipped inside the installed plotly package: local, never from a CDN."""
    bundle = resources.files("plotly") / "package_data" / "plotly.min.js"
    return {urls.static(PLOTLY_JS): bundle.read_bytes()}
