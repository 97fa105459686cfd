"""Story step: the story's title and span. The title is made from the names the coverage
mentions most; the span runs from the earliest to the latest publication date its members
print or are given (estimates from the story's neighbours only when nothing else is
known), and the members with no date at all are counted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.dates import span
from storyline.story.base import StoryContext
from storyline.story.dating import ESTIMATE_CONFIDENCE

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
    dated = [a.published for a in context.articles if a.published is not None]
    # Estimates from the story's own neighbours say nothing of where it starts or ends.
    known = [p for p in dated if p.confidence > ESTIMATE_CONFIDENCE] or dated
    spans = [(covered, p.date) for p in known if (covered := span(p.date)) is not None]
    first = min(spans, key=lambda sp: sp[0][0])[1] if spans else None
    last = max(spans, key=lambda sp: sp[0][1])[1] if spans else None
    return {
        "title": story_title(names, fallback),
        "span_start": first,
        "span_end": last,
        "undated": len(context.articles) - len(dated),
    }
