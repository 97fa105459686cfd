"""Evidence: where a fact was stated."""

from __future__ import annotations

from storyline.model import Article, Evidence, Sentence


def evidence(article: Article, sentence: Sentence) -> Evidence:
    """The article and the sentence (with its offsets in the clean text) that state a fact."""
    return Evidence(article.id, sentence.text, sentence.start, sentence.end)
