"""Who is who, who said what and how many, for one story, each fact with its evidence.

Syndicated copies (articles with `duplicate_of`) are left out here: they corroborate their
original, and counting their quotes and figures again would double them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.model import Article, Sentence
from storyline.pipeline.nlp.figures import find_figures
from storyline.pipeline.nlp.quotes import find_quotes
from storyline.story.actors import alias_index, build_actors, name_key


def evidence(article: Article, sentence: Sentence) -> dict[str, Any]:
    return {"article": article.id, "text": sentence.text, "start": sentence.start,
            "end": sentence.end}  # fmt: skip


def story_facts(articles: Sequence[Article]) -> tuple[list[dict], list[dict], list[dict]]:
    """(actors, quotes, figures) in the dossier schema's shape."""
    originals = [a for a in articles if not a.duplicate_of]
    actors = build_actors((a.id, a.text, a.entities) for a in originals)
    index = alias_index(actors)
    person_names = frozenset(x for a in actors if a.type == "PERSON" for x in a.aliases)
    quotes, figures = [], []
    for article in originals:
        if not article.sentences:
            continue
        for quote in find_quotes(article.text, article.sentences, article.entities, person_names):
            actor = index.get(quote.speaker or "") or index.get(name_key(quote.speaker or ""))
            quotes.append({
                "speaker": actor.id if actor else None,
                "speaker_name": actor.name if actor else quote.speaker,
                "text": quote.text,
                "evidence": evidence(article, article.sentences[quote.sentence]),
            })  # fmt: skip
        as_of = article.published.date if article.published else None
        for figure in find_figures(article.text, article.sentences, article.entities):
            figures.append({
                "metric": figure.metric,
                "value": figure.value,
                "qualifier": figure.qualifier,
                "unit": figure.unit,
                "as_of": as_of,
                "where": figure.where,
                "attributed_to": figure.attributed_to,
                "evidence": evidence(article, article.sentences[figure.sentence]),
            })  # fmt: skip
    figures.sort(key=lambda f: (f["metric"], f["as_of"] or "", f["value"]))
    return [a.record() for a in actors], quotes, figures
