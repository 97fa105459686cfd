"""The story page's charts as plain Plotly figure specs ({"data", "layout"}), drawn in the
browser by the plotly.js that ships inside the `plotly` package (served by the app, never
from a CDN).

Plotly renders a small HTML subset in labels (<b>, <a href>); every string taken from
article text is HTML-escaped here, so a label shows a payload as text and never as markup.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

Figure = dict[str, Any]
MAX_METRIC_CHARTS = 6
_BASE_LAYOUT = {
    "margin": {"l": 50, "r": 20, "t": 30, "b": 40},
    "hovermode": "closest",
    "showlegend": False,
    "height": 320,
}


def label(text: object, limit: int = 160) -> str:
    """Article-derived text made safe for a Plotly label: shortened, then escaped."""
    value = str(text)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return html.escape(value, quote=True)


def axis_date(value: str | None) -> str | None:
    """A dossier date (YYYY, YYYY-MM or YYYY-MM-DD, maybe with more after) as a point on a
    date axis: a year or month sits at its first day."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    year = value[:4]
    month = value[5:7] if len(value) >= 7 and value[5:7].isdigit() else "01"
    day = value[8:10] if len(value) >= 10 and value[8:10].isdigit() else "01"
    return f"{year}-{month}-{day}"


def timeline_chart(timeline: list[dict]) -> Figure | None:
    """The timeline entries on a date axis, higher the more sources tell them; each point's
    customdata is its entry's index, so a click can open that entry's sources."""
    points = [
        (axis_date(entry.get("date")), index, entry)
        for index, entry in enumerate(timeline)
        if axis_date(entry.get("date"))
    ]
    if not points:
        return None
    trace = {
        "type": "scatter",
        "mode": "markers",
        "x": [x for x, _, _ in points],
        "y": [len(entry.get("sources", [])) for _, _, entry in points],
        "customdata": [index for _, index, _ in points],
        "hovertext": [
            f"{label(entry.get('date'))}: {label(entry.get('headline', ''))}"
            for _, _, entry in points
        ],
        "hoverinfo": "text",
        "marker": {"size": 14, "color": "#2a6fb0", "line": {"width": 1, "color": "#fff"}},
    }
    layout = {
        **_BASE_LAYOUT,
        "height": 260,
        "xaxis": {"type": "date", "title": {"text": "date"}},
        "yaxis": {"title": {"text": "sources"}, "rangemode": "tozero", "dtick": 1},
    }
    return {"data": [trace], "layout": layout}


def figure_charts(figures: list[dict], dates: Mapping[str, str | None]) -> list[dict[str, Any]]:
    """One chart per metric (the most reported first): each figure at the date it is given
    for (else its article's date), disagreeing figures drawn in red as crosses."""
    by_metric: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for figure in figures:
        article = (figure.get("evidence") or {}).get("article")
        x = axis_date(figure.get("as_of")) or axis_date(dates.get(article or ""))
        if x and figure.get("metric") and isinstance(figure.get("value"), int | float):
            by_metric[figure["metric"]].append((x, figure))
    ranked = sorted(by_metric.items(), key=lambda item: (-len(item[1]), item[0]))
    charts = []
    for metric, points in ranked[:MAX_METRIC_CHARTS]:
        points.sort(key=lambda point: point[0])
        traces = [
            _figure_trace(points, disagreeing=False),
            _figure_trace(points, disagreeing=True),
        ]
        layout = {
            **_BASE_LAYOUT,
            "title": {"text": label(metric), "font": {"size": 14}},
            "xaxis": {"type": "date"},
            "yaxis": _value_axis(metric, [f["value"] for _, f in points]),
        }
        charts.append({"metric": metric, "figure": {"data": traces, "layout": layout}})
    return charts


def _value_axis(metric: str, values: list[float]) -> dict[str, Any]:
    """A log axis when the values span more than two orders of magnitude (a toll of 12 in
    one incident beside 52,000 in the war), so that both stay readable."""
    positive = [v for v in values if v > 0]
    wide = len(positive) == len(values) and positive and max(positive) / min(positive) > 100
    axis: dict[str, Any] = {"title": {"text": label(metric)}}
    return {**axis, "type": "log"} if wide else {**axis, "rangemode": "tozero"}


def _figure_trace(points: list[tuple[str, dict]], disagreeing: bool) -> dict[str, Any]:
    chosen = [(x, f) for x, f in points if bool(f.get("disagrees")) == disagreeing]
    return {
        "type": "scatter",
        "mode": "markers" if disagreeing else "lines+markers",
        "name": "disagrees" if disagreeing else "figure",
        "x": [x for x, _ in chosen],
        "y": [f["value"] for _, f in chosen],
        "hovertext": [_figure_hover(f) for _, f in chosen],
        "hoverinfo": "text",
        "customdata": [(f.get("evidence") or {}).get("article") for _, f in chosen],
        "marker": (
            {"size": 13, "color": "#c0392b", "symbol": "x"}
            if disagreeing
            else {"size": 9, "color": "#2a6fb0"}
        ),
        "line": {"color": "#9bbbd9"},
    }


def _figure_hover(figure: dict) -> str:
    words = [figure.get("qualifier"), f"{figure['value']:,.0f}", figure.get("metric")]
    text = " ".join(str(w) for w in words if w)
    if figure.get("where"):
        text += f" in {figure['where']}"
    if figure.get("attributed_to"):
        text += f" (per {figure['attributed_to']})"
    if figure.get("disagrees"):
        text += " — disagrees with other reports"
    return label(text)


def actor_network(events: list[dict], actors: list[dict]) -> Figure | None:
    """Who acts on whom: actors as nodes on a circle (sized by how many interactions they
    take part in), one line per pair, and a hover point mid-line listing the actions."""
    names = {actor["id"]: actor.get("name", actor["id"]) for actor in actors}
    pairs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for event in events:
        source, target = event.get("actor"), event.get("target")
        if source and target and source != target:
            pairs[(source, target)][event.get("action", "?")] += 1
    if not pairs:
        return None
    degree: Counter = Counter()
    for (source, target), actions in pairs.items():
        degree[source] += sum(actions.values())
        degree[target] += sum(actions.values())
    nodes = [node for node, _ in degree.most_common()]
    place = {
        node: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
        for i, node in enumerate(nodes)
    }
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    mid_x, mid_y, mid_text = [], [], []
    for (source, target), actions in pairs.items():
        (x0, y0), (x1, y1) = place[source], place[target]
        edge_x += [x0, x1, None]
        edge_y += [y0, y1, None]
        mid_x.append(x0 + (x1 - x0) * 0.6)  # nearer the target: the direction of the act
        mid_y.append(y0 + (y1 - y0) * 0.6)
        told = ", ".join(f"{action} ×{n}" if n > 1 else action for action, n in actions.items())
        mid_text.append(
            f"{label(names.get(source, source))} → {label(names.get(target, target))}: {told}"
        )
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": edge_x,
            "y": edge_y,
            "hoverinfo": "skip",
            "line": {"color": "#aab", "width": 1.5},
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": mid_x,
            "y": mid_y,
            "hovertext": mid_text,
            "hoverinfo": "text",
            "marker": {"size": 8, "color": "#e67e22", "symbol": "triangle-right"},
        },
        {
            "type": "scatter",
            "mode": "markers+text",
            "x": [place[n][0] for n in nodes],
            "y": [place[n][1] for n in nodes],
            "text": [label(names.get(n, n), 40) for n in nodes],
            "textposition": "top center",
            "hovertext": [f"{label(names.get(n, n))}: {degree[n]} interactions" for n in nodes],
            "hoverinfo": "text",
            "marker": {"size": [10 + 3 * min(degree[n], 10) for n in nodes], "color": "#2a6fb0"},
        },
    ]
    hidden = {"visible": False, "range": [-1.4, 1.4]}
    layout = {**_BASE_LAYOUT, "height": 420, "xaxis": hidden, "yaxis": hidden}
    return {"data": traces, "layout": layout}
