"""Assemble stories from the stored articles.

For now every article of the corpus forms one story (the story-clustering stage will split
a mixed corpus). The story's title is made from the names the coverage mentions most, and its
span runs from the earliest to the latest known publication date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from storyline.model import Article, Story

# Entity kinds that make a story recognisable in a title.
_TITLE_LABELS = ("GPE", "PERSON", "ORG", "EVENT", "NORP", "LOC", "FAC")


def story_id(article_ids: Sequence[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()
    return f"s{digest[:12]}"


def story_title(entity_counts: Sequence[tuple[str, str, int]], fallback: str) -> str:
    """Up to three of the most mentioned names, e.g. 'Syria, Geneva and John Kerry'."""
    names: list[str] = []
    for text, label, _count in entity_counts:
        name = " ".join(text.split())
        if label not in _TITLE_LABELS or len(name) < 2:
            continue
        if any(name.lower() in seen.lower() or seen.lower() in name.lower() for seen in names):
            continue
        names.append(name)
        if len(names) == 3:
            break
    if not names:
        return fallback
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def single_story(
    articles: Sequence[Article], entity_counts: Sequence[tuple[str, str, int]]
) -> Story:
    ids = tuple(article.id for article in articles)
    dates = sorted(a.published.date for a in articles if a.published is not None)
    fallback = next((a.title for a in articles if a.title), "Untitled story")
    return Story(
        id=story_id(ids),
        title=story_title(entity_counts, fallback),
        articles=ids,
        span_start=dates[0] if dates else None,
        span_end=dates[-1] if dates else None,
    )
