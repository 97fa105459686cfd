"""The clean step: classify lines, rebuild the text from the kept ones, keep the rest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from storyline.model import Article, Removed
from storyline.options import Options
from storyline.pipeline.clean.boilerplate import (
    Line,
    classify,
    language_of,
    line_hash,
    split_lines,
    template_candidates,
)

MIN_ARTICLES_FOR_TEMPLATE = 3  # a line in this many articles (this one included) is template


@dataclass
class CorpusLines:
    """How many articles of the corpus carry each short line (by `line_hash`).

    Standalone (tests, one batch), cleaning adds the batch's own counts to these. In a
    build, the counts handed to a batch already include its whole window of batches
    (`includes_batch`), so they are used as they are.
    """

    counts: dict[str, int] = field(default_factory=dict)
    includes_batch: bool = False

    def with_batch(self, texts: Iterable[str]) -> dict[str, int]:
        batch = Counter(h for text in texts for h in article_line_hashes(text))
        if self.includes_batch:
            return {h: self.counts.get(h, 0) for h in batch}
        return {h: self.counts.get(h, 0) + n for h, n in batch.items()}


def article_line_hashes(text: str) -> set[str]:
    return {line_hash(key) for key in template_candidates(split_lines(text))}


def clean_text(
    text: str,
    line_df: Mapping[str, int] | None = None,
    min_df: int = 3,
    extracted_html: bool = False,
) -> tuple[str, list[Removed]]:
    """The clean text and the removed pieces (consecutive lines with one reason merged)."""
    lines = split_lines(text)
    reasons = classify(lines, line_df, min_df, extracted_html=extracted_html)
    return rebuild(text, lines, reasons)


def rebuild(
    text: str, lines: Sequence[Line], reasons: Sequence[str | None]
) -> tuple[str, list[Removed]]:
    kept: list[str] = []  # paragraphs of the clean text, blank-line structure kept
    removed: list[Removed] = []
    length = 0
    previous_end = 0
    for line, reason in zip(lines, reasons, strict=True):
        gap = text[previous_end : line.start]
        previous_end = line.end
        if reason is not None:
            last = removed[-1] if removed else None
            if last is not None and last.reason == reason and last.at == length:
                removed[-1] = replace(last, text=f"{last.text}\n{line.text}")
            else:
                removed.append(Removed(line.text, reason, at=length))
            continue
        separator = "" if not kept else ("\n\n" if gap.count("\n") >= 2 else "\n")
        kept.append(separator + line.text)
        length += len(separator) + len(line.text)
    return "".join(kept), removed


def clean_batch(
    articles: list[Article], options: Options, corpus: CorpusLines | None = None
) -> list[Article]:
    """Clean a batch, with line counts over the corpus and the batch itself."""
    line_df = (corpus or CorpusLines()).with_batch(a.text for a in articles)
    return [clean(article, options, line_df) for article in articles]


def clean(article: Article, options: Options, line_df: Mapping[str, int] | None = None) -> Article:
    text, removed = clean_text(
        article.text,
        line_df,
        MIN_ARTICLES_FOR_TEMPLATE,
        extracted_html=article.format == "html",
    )
    if not text:
        # Everything looked like template: trust the article over the classifier.
        return article
    return replace(
        article,
        text=text,
        removed=(*article.removed, *removed),
        language=article.language or language_of(text),
    )
