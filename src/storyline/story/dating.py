"""Story step: dating articles from their story.

A year-less dateline ("OSLO, March 10 (Wire) -") or stamp ("Jul 6, 11:33 AM"), kept by
the date step as the hint `XXXX-03-10`, takes the year that puts it closest to the dates of
the other articles of its story. It dates nothing when the story has no dated article
within `dateline_gap_days` of the candidate: no date is better than a wrong one. A copy
takes its original's date; an article that prints none, the month or year its closest dated
neighbours agree on. An article the story dates has its temporal expressions read against
that date; one that stays without a day date reads only those that name a month or a year,
against a date of its own month or year, or, with no date at all, only those that write
their year. The step returns the articles as dated, and the date patches the writer saves
onto them.

The one place the story stage reads text again: temporal expressions of an article without
its own date can only be normalized once the story gives it one, and the story's middle
date moves as the story grows (the regex tagger, no parse).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline.dates import day_of, span
from storyline.model import Article, DatePatch, Published
from storyline.pipeline.dating import WEEKDAY_NAMES, month_of_weekday_dates
from storyline.pipeline.nlp.timex import tag_article, tag_with_anchor
from storyline.pipeline.stamps import title_end
from storyline.story.base import StoryContext
from storyline.story.cluster import article_terms, cosine

CONFIDENCE = 0.6


def known_dates(articles: Sequence[Article]) -> list[dt.date]:
    return [
        dt.date.fromisoformat(a.published.date)
        for a in articles
        if a.published is not None and len(a.published.date) == 10
    ]


def year_for(
    month: int,
    day: int,
    dates: Sequence[dt.date],
    max_gap_days: int = 45,
    weekdays: frozenset[int] = frozenset(),
) -> dt.date | None:
    """The (month, day) in the year that brings it closest to one of `dates`, within
    `max_gap_days`. When several years are that close (a story that comes back every June),
    the one that puts the day on a weekday its lead names ('talks began Monday') wins."""
    near: list[tuple[int, dt.date]] = []
    for year in sorted({d.year + k for d in dates for k in (-1, 0, 1)}):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        gap = min(abs((candidate - d).days) for d in dates)
        if gap <= max_gap_days:
            near.append((gap, candidate))
    named = [(gap, date) for gap, date in near if date.weekday() in weekdays]
    if len(near) > 1 and named:
        near = named
    return min(near)[1] if near else None


_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAY_NAMES)})\b", re.I)
LEAD_CHARS = 400  # the dateline's lead, where the day of the news is named


def lead_weekdays(article: Article) -> frozenset[int]:
    """The weekdays (0 = Monday) the first lines of an article name."""
    body = article.text[title_end(article.text, article.title) :]
    found = _WEEKDAY.findall(body.lstrip()[:LEAD_CHARS])
    return frozenset(WEEKDAY_NAMES.index(name.lower()) for name in found)


def date_by_story(articles: Sequence[Article], max_gap_days: int = 45) -> dict[str, Published]:
    """New publication dates for undated articles with a year-less dateline hint."""
    dates = known_dates(articles)
    found: dict[str, Published] = {}
    if not dates:
        return found
    for article in articles:
        if article.published is not None:
            continue
        hint = next((h for h in article.date_hints if h.source in _YEAR_LESS), None)
        if hint is None:
            month = month_of_weekday_dates(list(article.date_hints), _years_around(dates))
            if month is not None:
                found[article.id] = Published(month, "story", CONFIDENCE)
            continue
        _, month, day = hint.value.split("-")
        weekdays = lead_weekdays(article)
        date = year_for(int(month), int(day), dates, max_gap_days, weekdays)
        if date is not None:
            found[article.id] = Published(date.isoformat(), "story", CONFIDENCE)
    return found


_YEAR_LESS = ("dateline", "stamp")  # the hints that give the article's own day


def _years_around(dates: Sequence[dt.date]) -> range:
    """The years a story's article may be of: those of its dated articles, and one more
    on each side."""
    return range(min(dates).year - 1, max(dates).year + 2)


COPY_CONFIDENCE = 0.8
ESTIMATE_CONFIDENCE = 0.3


def date_by_copies(
    articles: Sequence[Article], dated: dict[str, Published]
) -> dict[str, Published]:
    """Dates for undated syndicated copies from their original, and for an undated original
    from its earliest dated copy: the same wire story, printed again."""

    by_id = {a.id: a for a in articles}
    found: dict[str, Published] = {}
    copies: dict[str, list[Article]] = {}
    for article in articles:
        if article.duplicate_of in by_id:
            copies.setdefault(article.duplicate_of, []).append(article)
    for original_id, group in copies.items():
        original = by_id[original_id]
        known = _date_of(original, dated)
        if known is None:
            dates = sorted(
                (p.date for p in (_date_of(a, dated) for a in group) if p),
                key=lambda d: (len(d) < 10, d),
            )
            known = Published(dates[0], "story", COPY_CONFIDENCE) if dates else None
            if known is not None:
                found[original.id] = known
        if known is None:
            continue
        for copy in group:
            if _date_of(copy, dated) is None:
                found[copy.id] = Published(known.date, "story", COPY_CONFIDENCE)
    return found


NEIGHBOURS = 3  # the dated articles closest to an undated one (2 at least) that must agree
NEIGHBOUR_SIMILARITY = 0.3  # cosine of content words: they tell the same events
NEIGHBOUR_MARGIN = 0.1  # as close as the closest, within this, are its peers
NEIGHBOUR_SAMPLE = 200  # dated articles compared with each undated one, at most


def date_by_neighbours(
    articles: Sequence[Article], dated: dict[str, Published]
) -> dict[str, Published]:
    """Dates for the articles that print none, from the dated articles of the story that
    tell the same events, by their words (names are shared by the whole story and say
    little of when): the two or three about as close as the closest, each close enough.
    When the closest stands out, it alone if the article's lead names the weekday it was
    out on (or the day before), else it and the next closest. The month they all fall in,
    or else the year; nothing when they disagree or when the article reports a later day.
    Only the neighbours that may tell the article's news count (`_may_tell`): none dated to
    a day its lead's weekday does not fit (another round of the story). A weaker neighbour
    can only widen the period, never move it off the closest one's date."""

    known = [a for a in articles if _date_of(a, dated) is not None and not a.duplicate_of]
    step = max(1, -(-len(known) // NEIGHBOUR_SAMPLE))
    sample = [(_words(a), _date_of(a, dated)) for a in known[::step]]
    found: dict[str, Published] = {}
    for article in articles:
        if _date_of(article, dated) is not None or len(sample) < 2:
            continue
        words = _words(article)
        weekdays = lead_weekdays(article)
        close = sorted(
            ((cosine(words, other), when) for other, when in sample if _may_tell(when, weekdays)),
            key=_first,
        )
        best = close[0][0] if close else 0.0
        floor = max(NEIGHBOUR_SIMILARITY, best - NEIGHBOUR_MARGIN)
        chosen = [when for score, when in close[:NEIGHBOURS] if score >= floor]
        # One that stands out is the same news when the lead names the day it was out on;
        # else it and the next closest must agree.
        alone = len(chosen) == 1 and _tells_its_day(weekdays, chosen[0])
        if len(chosen) < 2 and not alone:
            chosen = [when for score, when in close[:2] if score >= NEIGHBOUR_SIMILARITY]
        spans = [span(when.date) for when in chosen if when]
        covered = [s for s in spans if s is not None]
        if len(covered) < (1 if alone else 2):
            continue
        value = _common_period(min(s[0] for s in covered), max(s[1] for s in covered))
        period = span(value)
        reported = day_of(_reported(article))
        if period is None or (reported is not None and period[1] < reported):
            continue  # no common period, or before a day the article itself reports
        found[article.id] = Published(str(value), "story", ESTIMATE_CONFIDENCE)
    return found


def _may_tell(neighbour: Published | None, weekdays: frozenset[int]) -> bool:
    """Whether a dated neighbour may tell the news of an article whose lead names
    `weekdays` ('the summit ended Tuesday'): when it is dated to the day, the lead's weekday
    fits it (the second summit, telling the words of the first, came on another day of the
    week)."""
    covered = span(neighbour.date) if neighbour is not None else None
    if covered is None:
        return False
    if not weekdays or covered[0] != covered[1]:
        return True
    return _fits(weekdays, covered[0], before=True)


def _fits(weekdays: frozenset[int], day: dt.date, before: bool = False) -> bool:
    """Whether a lead naming `weekdays` tells of news out on `day`: of that day, or the day
    before; with `before`, or the day after (an article out the day before told it ahead:
    'talks resume on Saturday')."""
    shifts = (0, 1, -1) if before else (0, 1)
    return any((day - dt.timedelta(days=k)).weekday() in weekdays for k in shifts)


def _tells_its_day(weekdays: frozenset[int], neighbour: Published | None) -> bool:
    """Whether a lead naming `weekdays` tells of the day a neighbour dated to the day was
    out on."""
    day = day_of(neighbour.date) if neighbour is not None and len(neighbour.date) == 10 else None
    return day is not None and _fits(weekdays, day, before=True)


PERIOD_MARGIN_DAYS = 4  # an article may be out some days after the events it tells


def _common_period(first: dt.date, last: dt.date) -> str | None:
    """The month (or else the year) that holds the days from `first` to `last` and the
    days after them an article telling of them may be out on."""
    late = last + dt.timedelta(days=PERIOD_MARGIN_DAYS)
    early = first - dt.timedelta(days=PERIOD_MARGIN_DAYS)
    if (early.year, early.month) == (late.year, late.month):
        return f"{late.year}-{late.month:02d}"
    if early.year == late.year:
        return str(late.year)
    return None


def _reported(article: Article) -> str | None:
    """The latest day the article reports, as its date step found it."""
    return next((h.value for h in article.date_hints if h.source == "reported"), None)


def _date_of(article: Article, dated: dict[str, Published]) -> Published | None:
    """An article's date: its own, or the one this step has given it so far."""
    return article.published or dated.get(article.id)


def _words(article: Article) -> dict[str, float]:
    return {term: w for term, w in article_terms(article).items() if term.startswith("w:")}


def _first(scored: tuple[float, Published | None]) -> float:
    return -scored[0]


def _tagged_without_day(article: Article, story_middle: dt.date | None) -> Article:
    """The temporal expressions of an article not dated to the day, read against a date in
    its own month (its middle), or its own year (the story's middle date if it falls in
    that year), keeping a year-less date only when it falls in that year; with no date of
    its own, against the story's middle date, keeping only the dates that write their year
    (a 2016 article of a 2014 story must not put 'December 18' in 2013)."""
    published = article.published
    if published is not None and len(published.date) == 7:
        return tag_with_anchor(article, dt.date.fromisoformat(f"{published.date}-15"))
    if published is not None and len(published.date) == 4:
        year = int(published.date)
        inside = story_middle is not None and story_middle.year == year
        anchor = story_middle if story_middle is not None and inside else dt.date(year, 7, 1)
        tagged = tag_with_anchor(article, anchor)
        kept = tuple(t for t in tagged.timexes if t.value.startswith(published.date))
        return replace(tagged, timexes=kept)
    if story_middle is None:
        return article
    return tag_with_anchor(article, story_middle, year_less=False)


def estimated(article: Article) -> bool:
    """Dated by nothing but its neighbours in the story (at an earlier build)."""
    published = article.published
    return bool(
        published and published.source == "story" and published.confidence <= ESTIMATE_CONFIDENCE
    )


def story_anchor(articles: Sequence[Article]) -> dt.date | None:
    """The middle publication date of a story's articles dated to the day."""
    dates = sorted(
        a.published.date for a in articles if a.published and len(a.published.date) == 10
    )
    return dt.date.fromisoformat(dates[len(dates) // 2]) if dates else None


def date_story(context: StoryContext) -> dict[str, Any]:
    """Story step: the members as dated by their story, and the patches to store. Estimates
    from the story's neighbours are made afresh each time (never from other estimates), so
    that they follow the story as it grows."""
    members = [replace(a, published=None) if estimated(a) else a for a in context.articles]
    story_dates = date_by_story(members, context.options.dateline_gap_days)
    story_dates.update(date_by_copies(members, story_dates))
    story_dates.update(date_by_neighbours(members, story_dates))
    patched: dict[str, Article] = {}
    for article, stored in zip(members, context.articles, strict=True):
        if article.id not in story_dates and stored.published != article.published:
            patched[article.id] = replace(stored, published=None, timexes=())  # no longer
    for article in members:
        if article.id in story_dates:
            dated = replace(article, published=story_dates[article.id])
            patched[article.id] = tag_article(dated, context.options)
    articles = [patched.get(a.id, a) for a in members]
    anchor = story_anchor(articles)
    for i, article in enumerate(articles):
        published = article.published
        if published is not None and len(published.date) == 10:
            continue
        articles[i] = patched[article.id] = _tagged_without_day(article, anchor)
    patches = tuple(DatePatch(a.id, a.published, a.timexes) for a in articles if a.id in patched)
    return {"articles": tuple(articles), "date_patches": patches}
