"""Dating articles from their story: a year-less dateline ("OSLO, March 10 (Wire) -") takes
the year that puts it closest to the dates of the other articles of its story.

A corpus stage: it needs the other articles. It dates nothing when the story has no dated
article within `MAX_GAP_DAYS` of the candidate: no date is better than a wrong one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storyline.model import Article, Published
from storyline.pipeline.dating import dateline_month_day

MAX_GAP_DAYS = 45
CONFIDENCE = 0.6


def known_dates(articles: Sequence[Article]) -> list[dt.date]:
    return [
        dt.date.fromisoformat(a.published.date)
        for a in articles
        if a.published is not None and len(a.published.date) == 10
    ]


def year_for(month: int, day: int, dates: Sequence[dt.date]) -> dt.date | None:
    """The (month, day) in the year that brings it closest to one of `dates`."""
    best: tuple[int, dt.date] | None = None
    for year in sorted({d.year + k for d in dates for k in (-1, 0, 1)}):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        gap = min(abs((candidate - d).days) for d in dates)
        if best is None or gap < best[0]:
            best = (gap, candidate)
    return best[1] if best and best[0] <= MAX_GAP_DAYS else None


def date_by_story(articles: Sequence[Article]) -> dict[str, Published]:
    """New publication dates for undated articles with a year-less dateline."""
    dates = known_dates(articles)
    found: dict[str, Published] = {}
    if not dates:
        return found
    for article in articles:
        if article.published is not None:
            continue
        month_day = dateline_month_day(article.text, article.title)
        if month_day is None:
            continue
        date = year_for(*month_day, dates)
        if date is not None:
            found[article.id] = Published(date.isoformat(), "story", CONFIDENCE)
    return found
