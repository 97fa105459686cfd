"""An extractive multi-document summary of a story, each sentence with its sources.

Sentences are scored by how central their words are to the story (content words weighted by
how many articles use them), with bonuses for naming the story's main actors, for stating a
figure, and for leading an article (news puts the essentials first). They are chosen
greedily, skipping any that repeats one already chosen (maximal marginal relevance), so a
syndicated story printed five times gives one sentence, not five; copies are left out and
every article saying the same thing is listed as a source. The summary is ordered in time.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from storyline.model import Actor, Article, Figure, Sentence, SummaryItem
from storyline.story.abstractive import abstractive_summary
from storyline.story.base import StoryContext
from storyline.story.evidence import evidence

_WORD = re.compile(r"[a-z]{4,}")
_STOP = frozenset(
    {"said", "says", "that", "this", "with", "from", "have", "been", "were", "will", "would",
     "their", "there", "which", "about", "after", "they", "them", "than", "then", "also",
     "more", "into", "other", "when", "what", "while", "over", "some", "such"}
)  # fmt: skip
MIN_WORDS, MAX_WORDS = 8, 55


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def summary_size(articles: int) -> int:
    """5-10 sentences, more for a bigger story."""
    return max(5, min(10, 3 + articles))


def summarize(context: StoryContext) -> dict[str, tuple[SummaryItem, ...]]:
    """Story step: the extractive summary, rewritten by the configured model when there
    is one (off by default)."""
    summary = build_summary(
        context.articles,
        context.actors,
        context.figures,
        redundancy=context.options.summary_redundancy,
    )
    options = context.options
    if options.summary_endpoint:
        summary = abstractive_summary(
            summary, options.summary_endpoint, options.summary_model, options.summary_api_key
        )
    return {"summary": tuple(summary)}


def build_summary(
    articles: Sequence[Article],
    actors: Sequence[Actor],
    figures: Sequence[Figure],
    size: int | None = None,
    redundancy: float = 0.45,
) -> list[SummaryItem]:
    """The summary's sentences in time order; two sentences whose words overlap by
    `redundancy` (Jaccard) or more say the same thing."""
    originals = [a for a in articles if not a.duplicate_of and a.sentences]
    if not originals:
        return []
    size = size or summary_size(len(originals))
    document_frequency: Counter = Counter()
    for article in originals:
        document_frequency.update(_words(article.text))
    main_names = {alias for actor in actors[:6] for alias in actor.aliases}
    figure_sentences = {(f.evidence.article, f.evidence.start) for f in figures}
    candidates = []
    for article in originals:
        for index, sentence in enumerate(article.sentences):
            n_words = len(sentence.text.split())
            if not MIN_WORDS <= n_words <= MAX_WORDS or sentence.text == article.title:
                continue
            words = _words(sentence.text)
            if not words:
                continue
            centrality = sum(math.log1p(document_frequency[w]) for w in words) / math.sqrt(
                len(words)
            )
            names = sum(1 for name in main_names if name in sentence.text)
            score = centrality + 0.5 * min(names, 3)
            score += 1.0 if (article.id, sentence.start) in figure_sentences else 0.0
            score += 1.0 if index <= 2 else 0.0
            candidates.append((score, article, sentence, words))
    candidates.sort(key=lambda c: (-c[0], c[1].id, c[2].start))
    chosen: list[tuple[float, Article, Sentence, set[str]]] = []
    for score, article, sentence, words in candidates:
        if len(chosen) >= size:
            break
        if any(_jaccard(words, other[3]) >= redundancy for other in chosen):
            continue
        chosen.append((score, article, sentence, words))
    entries = []
    sentence_words = {a.id: [_words(s.text) for s in a.sentences] for a in originals}
    for _score, article, sentence, words in chosen:
        sources = [evidence(article, sentence)]
        for other in originals:  # every other article saying the same thing
            if other.id == article.id:
                continue
            overlaps = [_jaccard(words, other_words) for other_words in sentence_words[other.id]]
            best = max(range(len(overlaps)), key=overlaps.__getitem__, default=None)
            if best is not None and overlaps[best] >= redundancy:
                sources.append(evidence(other, other.sentences[best]))
        entries.append(
            (
                _when(article),
                article.id,
                sentence.start,
                SummaryItem(sentence.text, tuple(sources)),
            )
        )
    return [entry for *_key, entry in sorted(entries, key=lambda e: e[:3])]


def _when(article: Article) -> str:
    return article.published.date if article.published else "9999"  # undated last
