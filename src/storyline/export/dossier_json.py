"""The JSON dossier, exactly in the shape of dossier.schema.json (schema_version "1")."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from storyline.codec import article_record, story_record
from storyline.model import Article, Story

SCHEMA_VERSION = "1"


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
