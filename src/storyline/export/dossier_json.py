"""The JSON dossier, exactly in the shape of dossier.schema.json (schema_version "1")."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from storyline.model import Article, Story

SCHEMA_VERSION = "1"


def article_record(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "site": article.site,
        "author": article.author,
        "language": article.language,
        "published": (
            {"date": published.date, "source": published.source, "confidence": published.confidence}
            if published
            else None
        ),
        "text": article.text,
        "removed": [{"text": piece.text, "reason": piece.reason} for piece in article.removed],
        "duplicate_of": article.duplicate_of,
        "story": article.story,
    }


def story_record(story: Story) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
    }
    span = {
        key: value for key, value in (("start", story.span_start), ("end", story.span_end)) if value
    }
    if span:
        record["span"] = span
    for name in ("summary", "timeline", "actors", "quotes", "figures", "events", "figure_series"):
        record[name] = list(getattr(story, name))
    return record


def dossier_dict(
    articles: Iterable[Article], stories: Iterable[Story], generator: str
) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": generator,
        "articles": [article_record(article) for article in articles],
        "stories": [story_record(story) for story in stories],
    }


def to_json(dossier: dict[str, Any]) -> str:
    return json.dumps(dossier, ensure_ascii=False, indent=2) + "\n"
