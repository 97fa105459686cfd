"""Story step: the story's title and span. The title is made from the names the coverage
mentions most; the span runs from the earliest to the latest known publication date."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.story.base import StoryContext

# Entity kinds that make a story recognisable in a title.
_TITLE_LABELS = ("GPE", "PERSON", "ORG", "EVENT", "NORP", "LOC", "FAC")


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


def head_story(context: StoryContext) -> dict[str, Any]:
    names = [(a.name, a.type, a.mentions) for a in context.actors]
    fallback = next((a.title for a in context.articles if a.title), "Untitled story")
    dates = sorted(a.published.date for a in context.articles if a.published is not None)
    return {
        "title": story_title(names, fallback),
        "span_start": dates[0] if dates else None,
        "span_end": dates[-1] if dates else None,
    }
