"""The clean step: classify lines, rebuild the text from the kept ones, keep the rest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from storyline.model import Article, Removed
from storyline.options import Options
from storyline.pipeline.clean.boilerplate import Line, classify, language_of, split_lines


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


def clean(article: Article, options: Options) -> Article:
    text, removed = clean_text(article.text, extracted_html=article.format == "html")
    if not text:
        # Everything looked like template: trust the article over the classifier.
        return article
    return replace(
        article,
        text=text,
        removed=(*article.removed, *removed),
        language=article.language or language_of(text),
    )
