"""Story step: how many. The figures found in each original article, dated (the date the
sentence gives, else the article's), and marked where two reports of the same count on
the same day disagree."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from storyline.model import Article, Figure
from storyline.story.base import StoryContext
from storyline.story.evidence import evidence


def gather_figures(context: StoryContext) -> dict[str, tuple[Figure, ...]]:
    figures = []
    for article in context.originals:
        if not article.sentences:
            continue
        published = article.published.date if article.published else None
        for found in article.figures:
            figures.append(
                Figure(
                    metric=found.metric,
                    value=found.value,
                    qualifier=found.qualifier,
                    unit=found.unit,
                    as_of=stated_date(article, found.sentence) or published,
                    where=found.where,
                    attributed_to=found.attributed_to,
                    evidence=evidence(article, article.sentences[found.sentence]),
                )
            )
    figures.sort(key=lambda f: (f.metric, f.where or "", f.as_of or "", f.value))
    return {"figures": flag_disagreements(figures, context.options.disagreement_ratio)}


def stated_date(article: Article, sentence: int) -> str | None:
    """The date a figure's sentence gives it ('by Saturday', 'on March 3'), not a starting
    point ('since March 2011'): a calendar date of the sentence, else None."""
    for timex in article.timexes:
        if timex.sentence != sentence or timex.type != "DATE":
            continue
        if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", timex.value):
            continue
        before = article.text[max(0, timex.start - 12) : timex.start].lower()
        if not re.search(r"\b(?:since|from|after|before)\s+$", before):
            return timex.value
    return None


def flag_disagreements(figures: Sequence[Figure], ratio: float = 3.0) -> tuple[Figure, ...]:
    """The figures, those marked that another figure of the same metric, place and date
    contradicts: 'more than 130,000' and 'at least 130,000' agree; 80,000 and 130,000 on
    the same day do not. Figures with no date are compared with nothing."""
    groups: dict[tuple, list[int]] = {}
    for i, figure in enumerate(figures):
        if figure.as_of:
            groups.setdefault((figure.metric, figure.where, figure.as_of), []).append(i)
    disagree: set[int] = set()
    for members in groups.values():
        for i, j in combinations(members, 2):
            low, high = sorted((figures[i].value, figures[j].value))
            # Values far apart are about different things (37 in one city, 50,000 in the
            # war): a disagreement is the same count told differently.
            if low != high and low > 0 and high / low < ratio:
                disagree.update((i, j))
    return tuple(replace(f, disagrees=i in disagree) for i, f in enumerate(figures))
