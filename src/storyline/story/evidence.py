"""Evidence: where a fact was stated, in the dossier schema's shape."""

from __future__ import annotations

from typing import Any

from storyline.model import Article, Sentence


def evidence(article: Article, sentence: Sentence) -> dict[str, Any]:
    """The article and the sentence (with its offsets in the clean text) that state a fact."""
    return {"article": article.id, "text": sentence.text, "start": sentence.start,
            "end": sentence.end}  # fmt: skip
