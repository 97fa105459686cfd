"""Story step: dating articles from their story.

A year-less dateline ("OSLO, March 10 (Wire) -"), kept by the date step as the hint
`XXXX-03-10`, takes the year that puts it closest to the dates of the other articles of its
story. It dates nothing when the story has no dated article within `dateline_gap_days` of the
candidate: no date is better than a wrong one. An article the story dates has its temporal
expressions read against that date; one that stays without a day date has those that name a
month or a year read against the story's middle date. The step returns the articles as
dated, and the date patches the writer saves onto them.

The one place the story stage reads text again: temporal expressions of an article without
its own date can only be normalized once the story gives it one, and the story's middle
date moves as the story grows (the regex tagger, no parse).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline.model import Article, DatePatch, Published
from storyline.pipeline.nlp.timex import tag_article, tag_with_anchor
from storyline.story.base import StoryContext

CONFIDENCE = 0.6


def known_dates(articles: Sequence[Article]) -> list[dt.date]:
    return [
        dt.date.fromisoformat(a.published.date)
        for a in articles
        if a.published is not None and len(a.published.date) == 10
    ]


def year_for(
    month: int, day: int, dates: Sequence[dt.date], max_gap_days: int = 45
) -> dt.date | None:
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
    return best[1] if best and best[0] <= max_gap_days else None


def date_by_story(articles: Sequence[Article], max_gap_days: int = 45) -> dict[str, Published]:
    """New publication dates for undated articles with a year-less dateline hint."""
    dates = known_dates(articles)
    found: dict[str, Published] = {}
    if not dates:
        return found
    for article in articles:
        if article.published is not None:
            continue
        hint = next((h for h in article.date_hints if h.source == "dateline"), None)
        if hint is None:
            continue
        _, month, day = hint.value.split("-")
        date = year_for(int(month), int(day), dates, max_gap_days)
        if date is not None:
            found[article.id] = Published(date.isoformat(), "story", CONFIDENCE)
    return found


def story_anchor(articles: Sequence[Article]) -> dt.date | None:
    """The middle publication date of a story's articles dated to the day."""
    dates = sorted(
        a.published.date for a in articles if a.published and len(a.published.date) == 10
    )
    return dt.date.fromisoformat(dates[len(dates) // 2]) if dates else None


def date_story(context: StoryContext) -> dict[str, Any]:
    """Story step: the members as dated by their story, and the patches to store."""
    story_dates = date_by_story(context.articles, context.options.dateline_gap_days)
    patched: dict[str, Article] = {}
    for article in context.articles:
        if article.id in story_dates:
            dated = replace(article, published=story_dates[article.id])
            patched[article.id] = tag_article(dated, context.options)
    articles = [patched.get(a.id, a) for a in context.articles]
    anchor = story_anchor(articles)
    if anchor is not None:
        for i, article in enumerate(articles):
            if article.published is None or len(article.published.date) != 10:
                articles[i] = patched[article.id] = tag_with_anchor(article, anchor)
    patches = tuple(DatePatch(a.id, a.published, a.timexes) for a in articles if a.id in patched)
    return {"articles": tuple(articles), "date_patches": patches}
