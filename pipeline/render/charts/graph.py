"""Relationship graphs: networks, the people and organisations tied to them, and elections.

Layout is computed here, deterministically: networks in the middle column, operators on
the left, everyone else (politicians, parties, elections) on the right, each column
ordered by its neighbours' positions so that fewer edges cross.
"""

from __future__ import annotations

from collections import Counter

from dataclasses import dataclass


from pipeline.render.charts.figure import Cell, Chart, Table, base_layout, colour, figure, label, short, trace
from pipeline.render.charts.view import View

Node = tuple[str, str]  # (collection, slug)
LINE_STYLES = {"confirmed": ("solid", 2.5), "reported": ("dash", 2), "alleged": ("dot", 2), None: ("solid", 1)}
CURVE_STEPS = 16
LABELLED_EDGES = 30  # above this many edges, confidence shows on hover and in the table only


@dataclass(frozen=True, order=True)
class Edge:
    """A tie from `source` to `target`: what it is, and how certain (None: a plain record link)."""

    source: Node
    target: Node
    relation: str
    confidence: str | None

    def other(self, node: Node) -> Node:
        return self.target if node == self.source else self.source


def incident_edges(view: View, node: Node) -> list[Edge]:
    """Every tie that touches one record, as the register states it."""
    collection, slug = node
    register = view.register
    if collection == "networks":
        network = register.networks[slug]
        return ([Edge(("actors", c.actor), node, view.gettext("ran"), c.confidence) for c in network.operators]
                + [Edge(node, ("actors", c.actor), _stance(view, c.stance), c.confidence) for c in network.stances]
                + [Edge(node, ("elections", e), view.gettext("active around"), None) for e in network.elections])
    if collection == "elections":
        return [Edge(("networks", n), node, view.gettext("active around"), None)
                for n in register.election_networks.get(slug, [])]
    edges = [e for link in register.links_to_actor(slug) if link.role in ("operator", "stance")
             for e in incident_edges(view, ("networks", link.network)) if node in (e.source, e.target)]
    return edges + _tie_edges(view, slug)


def _tie_edges(view: View, slug: str) -> list[Edge]:
    """An actor's ties to other actors (affiliations, either way)."""
    return [Edge(("actors", tie.actor), ("actors", tie.other), view.name_text(tie.affiliation.role),
                 tie.affiliation.confidence) for tie in view.register.ties.get(slug, [])]


def _stance(view: View, stance: str) -> str:
    return {"promoted": view.gettext("promoted"), "attacked": view.gettext("attacked"),
            "both": view.gettext("promoted and attacked")}[stance]


def register_graph(view: View) -> set[Edge]:
    """Every network's operators, stances and elections, and the ties between those actors."""
    edges: set[Edge] = set()
    for slug, network in view.register.networks.items():
        edges.update(incident_edges(view, ("networks", slug)))
    actors = {node for edge in edges for node in (edge.source, edge.target) if node[0] == "actors"}
    for _collection, slug in sorted(actors):
        edges.update(_tie_edges(view, slug))
    return edges


def neighbourhood(view: View, centre: Node, depth: int = 2) -> set[Edge]:
    """The ties within `depth` steps of one record (first- and second-degree)."""
    seen, frontier, edges = {centre}, [centre], set()
    for _step in range(depth):
        following = []
        for node in frontier:
            for edge in incident_edges(view, node):
                edges.add(edge)
                other = edge.other(node)
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = sorted(following)
    return edges


def graph_chart(view: View, edges: set[Edge], chart_id: str, title: str, summary: str,
                centre: Node | None = None) -> Chart | None:
    if not edges:
        return None
    ordered = sorted(edges, key=_order)
    positions = layout(ordered)
    traces = []
    for confidence in ("confirmed", "reported", "alleged", None):
        group = [e for e in ordered if e.confidence == confidence]
        if group:
            traces.append(_edge_trace(view, group, positions, confidence))
    traces.append(_edge_labels(view, ordered, positions))
    for index, collection in enumerate(("networks", "actors", "elections")):
        nodes = sorted(n for n in positions if n[0] == collection)
        if nodes:
            traces.append(_node_trace(view, nodes, positions, index, centre))
    rows = max(sum(1 for n in positions if positions[n][0] == x) for x in (0, 1, 2))
    frame = base_layout(view.lang, 120 + 44 * rows, hovermode="closest",
                        xaxis={"visible": False, "range": [-0.9, 2.9], "fixedrange": True},
                        yaxis={"visible": False, "range": [rows - 0.3, -1.0], "fixedrange": True})
    return Chart(chart_id, title, summary, figure(traces, frame), _table(view, ordered), wide=True)


def _order(edge: Edge) -> tuple:
    """The dataclass order, as a tuple compared in C (sorting 30,000 edges through the generated
    __lt__ took 0.4 s)."""
    return edge.source, edge.target, edge.relation, edge.confidence


def layout(edges: list[Edge]) -> dict[Node, tuple[float, float]]:
    """Columns: operators, networks, everyone else; each ordered by its neighbours' mean row."""
    operators = {e.source for e in edges if e.target[0] == "networks" and e.source[0] == "actors"}
    nodes = sorted({n for e in edges for n in (e.source, e.target)})
    column = {n: 1 if n[0] == "networks" else 0 if n in operators else 2 for n in nodes}
    neighbours = {n: set() for n in nodes}
    for edge in edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    row = {}
    for x in (1, 0, 2):
        members = [n for n in nodes if column[n] == x]
        members.sort(key=lambda n: (_mean([row[m] for m in neighbours[n] if m in row]), n[0] == "elections", n))
        row.update({n: i for i, n in enumerate(members)})
    height = max(row.values()) + 1
    sizes = Counter(column.values())  # each column is centred against the tallest
    return {n: (column[n] * 1.0, row[n] + (height - sizes[column[n]]) / 2) for n in nodes}


def _mean(values: list[int]) -> float:
    return sum(values) / len(values) if values else float("inf")


def path(start: tuple[float, float], end: tuple[float, float]) -> list[tuple[float, float]]:
    """An edge's points: straight between neighbouring columns, else a curve around other nodes."""
    (x0, y0), (x1, y1) = start, end
    if abs(x1 - x0) == 1:
        return [start, end]
    if x0 == x1:  # within one column: bow towards the middle, away from the labels outside
        control = (x0 + (-0.6 if x0 >= 1 else 0.6), (y0 + y1) / 2)
    else:  # across the network column: arc above it
        control = (1.0, min(y0, y1) - 1.3)
    steps = [i / CURVE_STEPS for i in range(CURVE_STEPS + 1)]
    return [((1 - t) ** 2 * x0 + 2 * (1 - t) * t * control[0] + t * t * x1,
             (1 - t) ** 2 * y0 + 2 * (1 - t) * t * control[1] + t * t * y1) for t in steps]


def _edge_trace(view: View, edges: list[Edge], positions, confidence: str | None) -> dict:
    x, y = [], []
    for edge in edges:
        points = path(positions[edge.source], positions[edge.target])
        x += [px for px, _py in points] + [None]
        y += [py for _px, py in points] + [None]
    dash, width = LINE_STYLES[confidence]
    return trace("scatter", x=x, y=y, mode="lines", name=_confidence(view, confidence), hoverinfo="skip",
                      line={"dash": dash, "width": width, "color": "#777777" if confidence else "#aaaaaa"})


def _edge_labels(view: View, edges: list[Edge], positions) -> dict:
    """A point on each edge, away from the crowded network column: its confidence, as text or on hover."""
    x, y, hover, text = [], [], [], []
    for edge in edges:
        points = path(positions[edge.source], positions[edge.target])
        if len(points) == 2:  # a straight edge from a network: nearer its other end, where there is room
            (x0, y0), (x1, y1) = points if points[0][0] == 1.0 else points[::-1]
            points = [(x0 + (x1 - x0) * 0.65, y0 + (y1 - y0) * 0.65)]
        px, py = points[len(points) // 2]
        x.append(px)
        y.append(py)
        words = f"{label(view.name(*edge.source))} — {label(edge.relation)} — {label(view.name(*edge.target))}"
        hover.append(words + (f" ({_confidence(view, edge.confidence)})" if edge.confidence else ""))
        text.append(_confidence(view, edge.confidence) if edge.confidence else "")
    mode = "text" if len(edges) <= LABELLED_EDGES else "markers"
    return trace("scatter", x=x, y=y, mode=mode, text=text, hovertext=hover, hoverinfo="text", showlegend=False,
                      textfont={"size": 10, "color": "#777777"}, marker={"size": 8, "opacity": 0})


def _node_trace(view: View, nodes: list[Node], positions, index: int, centre: Node | None) -> dict:
    names = {"networks": view.gettext("Networks"), "actors": view.gettext("People and organisations"),
             "elections": view.gettext("Elections")}
    places = {0: "middle left", 1: "bottom center", 2: "middle right"}
    return trace("scatter", 
        x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes], mode="markers+text",
        name=names[nodes[0][0]], text=[label(short(view.name(*n), 24)) for n in nodes],
        textposition=[places[int(positions[n][0])] for n in nodes], hovertext=[label(view.name(*n)) for n in nodes],
        hoverinfo="text", customdata=[view.href(*n) for n in nodes], cliponaxis=False,
        marker={"size": [22 if n == centre else 14 for n in nodes], "color": colour(index),
                "symbol": ("circle", "square", "diamond")[index], "line": {"width": 1.5, "color": "#ffffff"}})


def _confidence(view: View, confidence: str | None) -> str:
    return {"confirmed": view.gettext("confirmed"), "reported": view.gettext("reported"),
            "alleged": view.gettext("alleged"), None: view.gettext("record link")}[confidence]


def _table(view: View, edges: list[Edge]) -> Table:
    columns = [view.gettext("From"), view.gettext("Tie"), view.gettext("To"), view.gettext("Confidence")]
    relations = {relation: Cell(relation) for relation in sorted({e.relation for e in edges})}
    confidences = {c: Cell(_confidence(view, c) if c else "–") for c in ("confirmed", "reported", "alleged", None)}
    rows = [[view.cell(*e.source), relations[e.relation], view.cell(*e.target), confidences[e.confidence]]
            for e in edges]
    return Table(columns, rows)
