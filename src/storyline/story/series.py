"""Story step: how each metric's headline figure moved."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Figure, FigureSeries, SeriesPoint
from storyline.story.base import StoryContext


def figure_series(figures: Sequence[Figure]) -> tuple[FigureSeries, ...]:
    """The figures within a tenth of the largest of their metric (a war's toll, not one
    town's dead), in date order; when some are undated, in order of size, which is how a
    toll grows."""
    by_metric: dict[str, list[Figure]] = {}
    for figure in figures:
        by_metric.setdefault(figure.metric, []).append(figure)
    series = []
    for metric in sorted(by_metric):
        largest = max(f.value for f in by_metric[metric])
        points = [f for f in by_metric[metric] if f.value >= largest / 10]
        if len({f.value for f in points}) < 2:
            continue
        dated = all(f.as_of for f in points)
        points.sort(key=lambda f: (f.as_of, f.value) if dated else (f.value, f.as_of or ""))
        series.append(
            FigureSeries(
                metric=metric,
                ordered_by="date" if dated else "value",
                points=tuple(
                    SeriesPoint(f.as_of, f.value, f.qualifier, f.where, f.evidence.article)
                    for f in points
                ),
            )
        )
    return tuple(series)


def trace_figures(context: StoryContext) -> dict[str, tuple[FigureSeries, ...]]:
    return {"figure_series": figure_series(context.figures)}
